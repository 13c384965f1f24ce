using Microsoft.AspNetCore.Http;
using Rds.Disclosure;
using Rds.Gateway.Access;
using Rds.Requestors;

namespace Rds.Tests.Requestors;

public sealed class AccessHeadersTests
{
    private static HeaderDictionary Complete() => new()
    {
        ["RDS-Purpose"] = "criminalInvestigationAndDNSAbuse",
        ["RDS-Legal-Basis"] = "GDPR-6-1-f",
        ["RDS-Case"] = "INC-2026:0042",
        ["RDS-Justification"] = "Registrant email appears in a phishing kit's configuration.",
        ["RDS-Evidence"] = "https://evidence.example/kit/1, urlscan:abcdef",
        ["RDS-Elements"] = "registrant email, Tech Email",
        ["RDS-Agreement"] = "2026-12",
    };

    [Fact]
    public void A_complete_statement_is_read_whole()
    {
        var (request, errors) = AccessHeaders.Parse(Complete());

        Assert.Empty(errors);
        Assert.Equal(RdapPurpose.CriminalInvestigationAndDnsAbuse, request!.Purpose);
        Assert.Equal(LegalBasis.LegitimateInterests, request.LegalBasis);
        Assert.Equal("INC-2026:0042", request.CaseId);
        Assert.Equal(["https://evidence.example/kit/1", "urlscan:abcdef"], request.Evidence.ToArray());
        Assert.Equal([DataElement.RegistrantEmail, DataElement.TechEmail], request.Elements.Order());
    }

    [Fact]
    public void No_statement_names_every_missing_item()
    {
        var (request, errors) = AccessHeaders.Parse(new HeaderDictionary());

        Assert.Null(request);
        foreach (var name in new[] { "RDS-Purpose", "RDS-Legal-Basis", "RDS-Case", "RDS-Justification", "RDS-Evidence", "RDS-Elements", "RDS-Agreement" })
            Assert.Contains(errors, error => error.StartsWith(name + " is missing"));
    }

    [Theory]
    [InlineData("RDS-Purpose", "CriminalInvestigationAndDNSAbuse")]
    [InlineData("RDS-Purpose", "curiosity")]
    [InlineData("RDS-Legal-Basis", "gdpr-6-1-g")]
    [InlineData("RDS-Case", "case with spaces")]
    [InlineData("RDS-Justification", "because")]
    [InlineData("RDS-Evidence", " , ")]
    [InlineData("RDS-Evidence", "see attached")]
    [InlineData("RDS-Elements", "Registrant Email, Registrant Shoe Size")]
    public void A_malformed_item_is_named(string header, string value)
    {
        var headers = Complete();
        headers[header] = value;

        var (request, errors) = AccessHeaders.Parse(headers);

        Assert.Null(request);
        Assert.Contains(errors, error => error.StartsWith(header));
    }

    [Fact]
    public void None_asks_for_the_public_view()
    {
        var headers = Complete();
        headers["RDS-Elements"] = "none";

        Assert.Empty(AccessHeaders.Parse(headers).Request!.Elements);
    }
}

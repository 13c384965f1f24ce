using System.Text.Json;
using Rds.Registrations;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Registrations;

public sealed class RegistrationJsonTests
{
    [Fact]
    public void A_record_survives_a_json_round_trip()
    {
        var record = SampleRecords.Full("round.example");

        var again = RegistrationJson.Deserialize(RegistrationJson.Serialize(record))!;

        Assert.Equal(RegistrationJson.Serialize(record), RegistrationJson.Serialize(again));
        Assert.Equal(record.UpdatedDate, again.UpdatedDate);
    }

    [Theory]
    [InlineData("""{"domainName":"a.example","registrar":{"name":"R"},"updatedDate":"yesterday"}""")]
    [InlineData("""{"domainName":"a.example","registrar":{"name":"R"},"updatedDate":"2020-13-45T00:00:00Z"}""")]
    [InlineData("""{"domainName":"a.example","registrar":{"name":"R"}}""")]
    [InlineData("""{"domainName":"a.example","registrar":null,"updatedDate":"2020-01-01T00:00:00Z"}""")]
    [InlineData("""{"domainName":"a.example","registrar":{"name":"R"},"updatedDate":"2020-01-01T00:00:00Z","registrnt":{}}""")]
    [InlineData("""{"domainName":"a.example","registrar":{"name":"R"},"updatedDate":"2020-01-01T00:00:00Z""")]
    public void Malformed_records_are_refused_by_the_parser(string json)
    {
        Assert.ThrowsAny<JsonException>(() => RegistrationJson.Deserialize(json));
    }
}

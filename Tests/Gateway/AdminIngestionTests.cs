using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Rds.Disclosure;
using Rds.Domains;
using Rds.Registrations;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Gateway;

[Collection(ClusterCollection.Name)]
public sealed class AdminIngestionTests(ClusterFixture fixture)
{
    private static StringContent Ndjson(string body) => new(body, Encoding.UTF8, "application/x-ndjson");

    private static StringContent Json(RegistrationRecord record) => new(RegistrationJson.Serialize(record), Encoding.UTF8, "application/json");

    [Fact]
    public async Task Admin_endpoints_refuse_a_missing_or_wrong_operator_key_with_401()
    {
        var name = SampleRecords.UniqueName("auth");
        using var wrong = new HttpClient { BaseAddress = fixture.GatewayAddress };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ClusterFixture.OperatorKey + "x");

        var anonymous = await fixture.Anonymous.PutAsync($"/admin/domains/{name}", Json(SampleRecords.Full(name)));
        var wrongKey = await wrong.PutAsync($"/admin/domains/{name}", Json(SampleRecords.Full(name)));
        var bulk = await fixture.Anonymous.PostAsync("/admin/domains/bulk", Ndjson(RegistrationJson.Serialize(SampleRecords.Full(name))));
        var delete = await wrong.DeleteAsync($"/admin/domains/{name}");

        foreach (var response in new[] { anonymous, wrongKey, bulk, delete })
        {
            await GatewayHttp.AssertRdapErrorAsync(response, HttpStatusCode.Unauthorized);
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
        }
        Assert.Null(await fixture.Grains.GetGrain<IDomainGrain>(name).LookupAsync(DisclosureRequest.Public));
    }

    [Fact]
    public async Task Upsert_then_stale_upsert_then_delete()
    {
        var name = SampleRecords.UniqueName("crud");
        var record = SampleRecords.Full(name);

        var stored = await fixture.Operator.PutAsync($"/admin/domains/{name}", Json(record));
        var again = await fixture.Operator.PutAsync($"/admin/domains/{name}", Json(record));
        var stale = await fixture.Operator.PutAsync($"/admin/domains/{name}", Json(record with { UpdatedDate = record.UpdatedDate.AddDays(-1) }));
        var deleted = await fixture.Operator.DeleteAsync($"/admin/domains/{name}");
        var lookup = await fixture.Http.GetAsync($"/rdap/domain/{name}");
        var deletedAgain = await fixture.Operator.DeleteAsync($"/admin/domains/{name}");

        Assert.Equal("stored", (await stored.ReadJsonAsync())["outcome"]!.GetValue<string>());
        Assert.Equal("unchanged", (await again.ReadJsonAsync())["outcome"]!.GetValue<string>());
        await GatewayHttp.AssertRdapErrorAsync(stale, HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        await GatewayHttp.AssertRdapErrorAsync(lookup, HttpStatusCode.NotFound);
        await GatewayHttp.AssertRdapErrorAsync(deletedAgain, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_upsert_whose_body_names_another_domain_is_400_and_stores_nothing()
    {
        var name = SampleRecords.UniqueName("mismatch");
        var other = SampleRecords.UniqueName("other");

        var response = await fixture.Operator.PutAsync($"/admin/domains/{name}", Json(SampleRecords.Full(other)));

        await GatewayHttp.AssertRdapErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Null(await fixture.Grains.GetGrain<IDomainGrain>(other).LookupAsync(DisclosureRequest.Public));
    }

    [Fact]
    public async Task An_invalid_record_is_400_naming_every_problem()
    {
        var name = SampleRecords.UniqueName("invalid");
        var record = SampleRecords.Full(name) with { Statuses = ["flying"], Registrant = new Contact { Email = "nope" } };

        var body = await GatewayHttp.AssertRdapErrorAsync(await fixture.Operator.PutAsync($"/admin/domains/{name}", Json(record)), HttpStatusCode.BadRequest);

        var description = string.Join("\n", body["description"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Contains("statuses", description);
        Assert.Contains("registrant.email", description);
    }

    [Fact]
    public async Task Bulk_import_reports_each_bad_line_by_number_and_stores_only_the_good_ones()
    {
        var good1 = SampleRecords.UniqueName("bulk");
        var good2 = SampleRecords.UniqueName("bulk");
        var badDate = SampleRecords.UniqueName("bulk");
        var badStatus = SampleRecords.UniqueName("bulk");
        var truncated = SampleRecords.UniqueName("bulk");
        var lines = new[]
        {
            RegistrationJson.Serialize(SampleRecords.Full(good1)),
            "",
            RegistrationJson.Serialize(SampleRecords.Full(badDate)).Replace("2020-02-01T03:04:05+00:00", "01/02/2020"),
            RegistrationJson.Serialize(SampleRecords.Full(badStatus) with { Statuses = ["flying"] }),
            "not json at all",
            RegistrationJson.Serialize(SampleRecords.Full(good2)),
            RegistrationJson.Serialize(SampleRecords.Full(truncated))[..120],
        };

        var response = await fixture.Operator.PostAsync("/admin/domains/bulk", Ndjson(string.Join("\n", lines)));
        var report = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(6, report["linesRead"]!.GetValue<int>());
        Assert.Equal(2, report["stored"]!.GetValue<int>());
        Assert.Equal(4, report["failed"]!.GetValue<int>());
        var errorLines = report["errors"]!.AsArray().Select(e => e!["line"]!.GetValue<int>()).ToArray();
        Assert.Equal([3, 4, 5, 7], errorLines);
        Assert.Contains("updatedDate", report["errors"]![0]!["error"]!.GetValue<string>());
        foreach (var name in new[] { good1, good2 })
            Assert.NotNull(await fixture.Grains.GetGrain<IDomainGrain>(name).LookupAsync(DisclosureRequest.Public));
        foreach (var name in new[] { badDate, badStatus, truncated })
            Assert.Null(await fixture.Grains.GetGrain<IDomainGrain>(name).LookupAsync(DisclosureRequest.Public));
    }

    [Fact]
    public async Task Bulk_import_counts_stale_and_unchanged_lines()
    {
        var name = SampleRecords.UniqueName("bulkver");
        var v1 = SampleRecords.Full(name, SampleRecords.Created.AddDays(1));
        var v2 = SampleRecords.Full(name, SampleRecords.Created.AddDays(2));
        await fixture.PutAsync(v2);

        var response = await fixture.Operator.PostAsync("/admin/domains/bulk", Ndjson($"{RegistrationJson.Serialize(v1)}\n{RegistrationJson.Serialize(v2)}\n"));
        var report = await response.ReadJsonAsync();

        Assert.Equal(1, report["stale"]!.GetValue<int>());
        Assert.Equal(1, report["unchanged"]!.GetValue<int>());
        Assert.Equal(0, report["stored"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_bulk_body_over_the_limit_is_413_before_anything_is_stored()
    {
        var name = SampleRecords.UniqueName("huge");
        var first = Encoding.UTF8.GetBytes(RegistrationJson.Serialize(SampleRecords.Full(name)) + "\n");
        var body = new byte[100 * 1024 * 1024];
        first.CopyTo(body, 0);
        Array.Fill(body, (byte)' ', first.Length, body.Length - first.Length);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");

        HttpResponseMessage? response = null;
        try
        {
            response = await fixture.Operator.PostAsync("/admin/domains/bulk", content);
        }
        catch (HttpRequestException)
        {
            // The server may close the connection while the client is still sending; the record must still be absent.
        }

        if (response is not null)
            await GatewayHttp.AssertRdapErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Null(await fixture.Grains.GetGrain<IDomainGrain>(name).LookupAsync(DisclosureRequest.Public));
    }

    [Fact]
    public async Task A_chunked_bulk_body_that_grows_past_the_limit_is_413_with_the_lines_processed_so_far()
    {
        var name = SampleRecords.UniqueName("chunked");
        var lines = new StringBuilder(RegistrationJson.Serialize(SampleRecords.Full(name))).Append('\n');
        var filler = new string(' ', 1000) + "\n";
        while (lines.Length < 6 * 1024 * 1024)
            lines.Append(filler);
        using var content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(lines.ToString())));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");

        HttpResponseMessage? response = null;
        try
        {
            response = await fixture.Operator.PostAsync("/admin/domains/bulk", content);
        }
        catch (HttpRequestException)
        {
        }

        if (response is not null)
        {
            var body = await GatewayHttp.AssertRdapErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
            Assert.Equal(1, body["report"]!["stored"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task A_bulk_body_of_another_media_type_is_415()
    {
        var response = await fixture.Operator.PostAsync("/admin/domains/bulk", new StringContent("{}", Encoding.UTF8, "text/csv"));

        await GatewayHttp.AssertRdapErrorAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_over_long_line_is_reported_and_the_lines_after_it_still_imported()
    {
        var after = SampleRecords.UniqueName("afterlong");
        var longLine = "{\"domainName\":\"" + new string('a', 300 * 1024) + "\"}";

        var response = await fixture.Operator.PostAsync("/admin/domains/bulk", Ndjson(longLine + "\n" + RegistrationJson.Serialize(SampleRecords.Full(after)) + "\n"));
        var report = await response.ReadJsonAsync();

        Assert.Equal(1, report["failed"]!.GetValue<int>());
        Assert.Equal(1, report["stored"]!.GetValue<int>());
        Assert.Equal(1, report["errors"]![0]!["line"]!.GetValue<int>());
        Assert.Contains("longer than", report["errors"]![0]!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_record_with_an_email_azure_keys_forbid_is_stored_and_read_back_intact()
    {
        var name = SampleRecords.UniqueName("keys");
        var record = SampleRecords.Full(name) with { Registrant = new Contact { Email = "a/b#c?d@mail.example", Name = "x" } };

        await fixture.PutAsync(record);

        var everything = new DisclosureRequest
        {
            Requested = [.. Enum.GetValues<DataElement>()],
            Entitlements = new Entitlements { Clear = [.. Enum.GetValues<DataElement>()] },
        };
        var stored = await fixture.Grains.GetGrain<IDomainGrain>(name).LookupAsync(everything);
        Assert.Equal("a/b#c?d@mail.example", stored!.Record.Registrant!.Email);
    }

    /// <summary>Forces HttpClient to send a chunked body (no Content-Length).</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}

using Rds.Tools.Commands;

namespace Rds.Tests.Tools;

public sealed class RequestHeadersOptionTests
{
    private static async Task<FileInfo> FileWithAsync(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), "rds-headers-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(path, text);
        return new FileInfo(path);
    }

    [Fact]
    public async Task Blocks_separated_by_blank_lines_are_one_requestor_each()
    {
        var file = await FileWithAsync("Authorization: Bearer a\nRDS-Case: ONE\n\n\n# second\nAuthorization: Bearer b:c\nRDS-Case: TWO\n");

        var requestors = await RequestHeadersOption.ReadRequestorsAsync(file, CancellationToken.None);

        Assert.Equal(2, requestors.Count);
        Assert.Equal([KeyValuePair.Create("Authorization", "Bearer a"), KeyValuePair.Create("RDS-Case", "ONE")], requestors[0]);
        Assert.Equal([KeyValuePair.Create("Authorization", "Bearer b:c"), KeyValuePair.Create("RDS-Case", "TWO")], requestors[1]);
        Assert.Equal(requestors[0], await RequestHeadersOption.ReadAsync(file, CancellationToken.None));
        file.Delete();
    }

    [Fact]
    public async Task No_file_means_one_requestor_without_headers()
    {
        var requestors = await RequestHeadersOption.ReadRequestorsAsync(null, CancellationToken.None);

        Assert.Empty(Assert.Single(requestors));
    }
}

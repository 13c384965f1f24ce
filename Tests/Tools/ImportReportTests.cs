using Rds.Tools.Import;

namespace Rds.Tests.Tools;

public sealed class ImportReportTests
{
    [Fact]
    public void Totals_add_up_and_errors_are_reported_by_file_line_in_file_order()
    {
        var report = new ImportReport(keptErrors: 3);
        var late = Chunk(fileLines: [10, 11, 13]);
        var early = Chunk(fileLines: [1, 2, 3]);

        // The later chunk answers first, as can happen with two requests in flight.
        report.Add(late, new BulkImportResponse
        {
            LinesRead = 3, Stored = 1, Stale = 1, Failed = 1,
            Errors = [new BulkImportLineError(3, "bad.example", "invalid date")],
        });
        report.Add(early, new BulkImportResponse
        {
            LinesRead = 3, Stored = 0, Unchanged = 1, Conflicts = 0, Failed = 2,
            Errors = [new BulkImportLineError(2, null, "not JSON"), new BulkImportLineError(1, "x.test", "unknown member")],
        });

        Assert.Equal((2L, 6L, 6L, 1L, 1L, 1L, 3L), (report.Requests, report.LinesSent, report.LinesRead, report.Stored, report.Unchanged, report.Stale, report.Failed));
        Assert.Equal(
            [new ImportedLineError(1, "x.test", "unknown member"), new ImportedLineError(2, null, "not JSON"), new ImportedLineError(13, "bad.example", "invalid date")],
            report.FirstErrors);
    }

    [Fact]
    public void Only_the_first_errors_are_kept_when_every_line_fails()
    {
        var report = new ImportReport(keptErrors: 5);
        for (var chunkIndex = 9; chunkIndex >= 0; chunkIndex--)
        {
            var fileLines = Enumerable.Range(1, 10).Select(line => (long)(chunkIndex * 10) + line).ToArray();
            report.Add(Chunk(fileLines), new BulkImportResponse
            {
                LinesRead = 10, Failed = 10,
                Errors = [.. Enumerable.Range(1, 10).Select(line => new BulkImportLineError(line, null, "bad"))],
            });
        }

        Assert.Equal(100, report.Failed);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], report.FirstErrors.Select(error => error.FileLine!.Value));
    }

    [Fact]
    public void A_line_number_outside_the_request_is_kept_without_a_file_line()
    {
        var report = new ImportReport();
        report.Add(Chunk([4, 5]), new BulkImportResponse { LinesRead = 2, Failed = 1, Errors = [new BulkImportLineError(7, null, "?")] });

        Assert.Null(Assert.Single(report.FirstErrors).FileLine);
    }

    private static NdjsonChunk Chunk(long[] fileLines) =>
        new([.. fileLines.Select(line => $"{{\"line\":{line}}}")], [.. fileLines], 0);
}

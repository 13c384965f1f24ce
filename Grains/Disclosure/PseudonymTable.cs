using Azure;
using Azure.Data.Tables;
using Rds.Attributes;
using Rds.Disclosure;

namespace Rds.Grains.Disclosure;

/// <summary>
/// The pseudonyms a case handed out for pivotable values, so one can start a pivot within its case: partition = the
/// case's scope, row = pseudonym, the value sealed under the case's key (<see cref="PseudonymSeal"/>). The whole
/// partition is deleted when the case ends; without the case's erased salt its rows could not be opened anyway.
/// </summary>
public sealed class PseudonymTable(TableClient table)
{
    private const int MaxBatch = 100;
    private const string SealedProperty = "Sealed";
    private readonly Lazy<Task> _created = new(() => table.CreateIfNotExistsAsync());

    // '/' may not appear in a table key.
    private static string Partition(string scope) => scope.Replace('/', '|');

    internal async Task RecordAsync(PseudonymKey key, IReadOnlyCollection<MintedPseudonym> minted)
    {
        await _created.Value;
        var rows = minted.DistinctBy(m => m.Pseudonym).Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            new TableEntity(Partition(key.Scope), m.Pseudonym) { [SealedProperty] = PseudonymSeal.Seal(key, m.Pseudonym, m.Value) }));
        foreach (var batch in rows.Chunk(MaxBatch))
            await table.SubmitTransactionAsync(batch);
    }

    internal async Task<AttributeValue?> ResolveAsync(PseudonymKey key, string pseudonym)
    {
        await _created.Value;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(key.Scope), pseudonym);
        return row.HasValue && row.Value!.GetString(SealedProperty) is { } sealedValue ? PseudonymSeal.Open(key, pseudonym, sealedValue) : null;
    }

    internal async Task DestroyAsync(string scope)
    {
        await _created.Value;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(scope)}");
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"]))
            keys.Add(row.RowKey);
        foreach (var batch in keys.Chunk(MaxBatch))
            await table.SubmitTransactionAsync(batch.Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition(scope), key), ETag.All)));
    }
}

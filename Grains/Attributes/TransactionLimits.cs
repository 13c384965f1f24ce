namespace Rds.Grains.Attributes;

/// <summary>What one transaction may hold: Azure Table allows 100 operations and a 4 MiB body per batch.</summary>
internal sealed record TransactionLimits(int MaxOperations, int MaxBytes)
{
    /// <summary>Below Azure's 4 MiB so that the multipart framing and headers never push a batch over.</summary>
    public static readonly TransactionLimits Azure = new(100, 3 * 1024 * 1024);

    /// <summary>What a row costs in a batch body: binary goes as base64 in JSON, plus keys and property names.</summary>
    public static int EncodedSize(int bytes) => 4 * ((bytes + 2) / 3) + 512;
}

namespace Rds.Tools.Generation;

/// <summary>Names of the independent keyed sub-streams, so adding a draw in one never shifts another.</summary>
internal static class GenerationStreams
{
    public const ulong Records = 1;
    public const ulong Names = 2;
    public const ulong Individuals = 3;
    public const ulong Companies = 4;
    public const ulong TechContacts = 5;
    public const ulong Providers = 6;
    public const ulong Campaigns = 7;
}

namespace Rds.Pivots;

public enum PivotEventKind
{
    Domain,
    Attribute,
    End,
}

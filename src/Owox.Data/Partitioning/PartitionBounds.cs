namespace Owox.Data.Partitioning;

/// <summary>The names of the two parameters every dated partition's command carries: its first day and the day after its last.</summary>
internal static class PartitionBounds
{
    public const string Prefix = "owox_partition_";

    public const string From = Prefix + "from";

    public const string To = Prefix + "to";
}

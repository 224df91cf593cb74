namespace Owox.Data;

/// <summary>How an <see cref="OwoxPartitionPlan"/> cuts its date range: one partition per day, ISO week or month.</summary>
public enum OwoxPartitionGranularity
{
    /// <summary>One partition per calendar day; key <c>yyyy-MM-dd</c>.</summary>
    Day,

    /// <summary>One partition per ISO week (Monday to Sunday); key the Monday, <c>yyyy-MM-dd</c>.</summary>
    Week,

    /// <summary>One partition per calendar month; key <c>yyyy-MM</c>.</summary>
    Month,
}

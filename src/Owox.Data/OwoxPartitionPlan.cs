using System;
using System.Collections.Generic;
using System.Data;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Partitioning;

namespace Owox.Data;

/// <summary>
/// A data mart (or a SELECT on one) cut into disjoint, complete partitions by a date column: one per day, ISO week or
/// month of a range, each an <see cref="OwoxPartition"/> that reads exactly the rows whose date falls in it. Together the
/// partitions cover the range and no row is in two. Run them with <see cref="OwoxPartitionRunner"/>, or serialise each
/// (<see cref="OwoxPartition.ToJson"/>) and run it anywhere with the same key.
/// </summary>
/// <remarks>
/// Bounds are days: on a DATE column a partition is the rows of its days; on a timestamp column the rows from midnight
/// of its first day to midnight after its last, in the timestamp's own time (UTC for instants). A SELECT keeps its
/// columns, its condition (the range is added to it) and its sort; LIMIT and OFFSET are refused (each partition would
/// apply them), and so is grouping that does not keep the date column as a key (a group would be split).
/// </remarks>
public sealed class OwoxPartitionPlan
{
    private OwoxPartitionPlan(string source, string column, OwoxPartitionGranularity granularity, IReadOnlyList<OwoxPartition> partitions)
    {
        Source = source;
        Column = column;
        Granularity = granularity;
        Partitions = partitions;
    }

    /// <summary>The data-mart id or SELECT the plan cuts.</summary>
    public string Source { get; }

    /// <summary>The date column the plan partitions by.</summary>
    public string Column { get; }

    /// <summary>How the range is cut.</summary>
    public OwoxPartitionGranularity Granularity { get; }

    /// <summary>The partitions, in date order (the NULL partition, when there is one, last).</summary>
    public IReadOnlyList<OwoxPartition> Partitions { get; }

    /// <summary>
    /// Cuts the days from <paramref name="first"/> to <paramref name="last"/> (both included; times of day are ignored)
    /// without asking the server anything. Rows whose date is NULL or outside the range are in no partition.
    /// </summary>
    /// <param name="source">A data-mart id, or a SELECT … FROM a data mart.</param>
    /// <param name="column">The DATE or timestamp column to partition by.</param>
    /// <param name="granularity">One partition per day, ISO week or month.</param>
    /// <param name="first">The first day of the range.</param>
    /// <param name="last">The last day of the range.</param>
    /// <param name="parameters">The SELECT's own parameters, carried by every partition.</param>
    public static OwoxPartitionPlan Create(string source, string column, OwoxPartitionGranularity granularity, DateTime first, DateTime last, IEnumerable<OwoxParameter>? parameters = null)
    {
        var (parsed, own) = Prepare(source, column, granularity, parameters);
        return Build(source, parsed, column, granularity, first.Date, last.Date, own, withNulls: false);
    }

    /// <summary>
    /// Like <see cref="Create"/>, but checks the column against the data mart's schema (it must exist and hold dates or
    /// timestamps) and finds a bound that is not given from the data: the earliest and latest date of the source's rows
    /// (one aggregate request). When neither
    /// bound is given, the plan covers every row: rows whose date is NULL get a partition of their own
    /// (<see cref="OwoxPartition.NullKey"/>). A source without rows gives a plan without partitions.
    /// </summary>
    public static async Task<OwoxPartitionPlan> CreateAsync(
        OwoxConnection connection, string source, string column, OwoxPartitionGranularity granularity,
        DateTime? first = null, DateTime? last = null, IEnumerable<OwoxParameter>? parameters = null, CancellationToken cancellationToken = default)
    {
        if (connection is null)
            throw new ArgumentNullException(nameof(connection));
        var (parsed, own) = Prepare(source, column, granularity, parameters);

        await PartitionColumn.EnsureDateAsync(connection, parsed.DataMart, column, cancellationToken).ConfigureAwait(false);
        if (first is not null && last is not null)
            return Build(source, parsed, column, granularity, first.Value.Date, last.Value.Date, own, withNulls: false);

        using var command = Command(connection, parsed.Bounds(column), own);
        using var reader = (OwoxDataReader)await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            throw new OwoxException($"The range query of the partition plan returned no row; its source was: {source}");
        var total = reader.GetInt64(2);
        var dated = reader.GetInt64(3);
        var withNulls = first is null && last is null && total > dated;
        if (dated == 0)
            return Build(source, parsed, column, granularity, null, null, own, withNulls);
        first ??= reader.GetDateTime(0).Date;
        last ??= reader.GetDateTime(1).Date;
        return Build(source, parsed, column, granularity, first.Value.Date, last.Value.Date, own, withNulls);
    }

    private static OwoxParameter[] Bounds(DateTime from, DateTime to) =>
    [
        new(PartitionBounds.From, from) { DbType = DbType.Date },
        new(PartitionBounds.To, to) { DbType = DbType.Date },
    ];

    /// <summary>A command of <paramref name="text"/> with copies of <paramref name="parameters"/>.</summary>
    private static OwoxCommand Command(OwoxConnection connection, string text, IEnumerable<OwoxParameter> parameters)
    {
        var command = new OwoxCommand(text, connection);
        foreach (var parameter in parameters)
            command.Parameters.Add(new OwoxParameter(parameter.ParameterName, parameter.Value) { DbType = parameter.DbType });
        return command;
    }

    private static (PartitionSource Parsed, List<OwoxParameter> Own) Prepare(string source, string column, OwoxPartitionGranularity granularity, IEnumerable<OwoxParameter>? parameters)
    {
        if (string.IsNullOrWhiteSpace(source))
            throw new ArgumentException("The source of a partition plan must be a data-mart id or a SELECT on a data mart.", nameof(source));
        if (string.IsNullOrWhiteSpace(column))
            throw new ArgumentException("Name the DATE or timestamp column to partition by.", nameof(column));
        if (granularity is < OwoxPartitionGranularity.Day or > OwoxPartitionGranularity.Month)
            throw new ArgumentOutOfRangeException(nameof(granularity), granularity, "The granularity must be Day, Week or Month.");
        var own = (parameters ?? []).ToList();
        foreach (var parameter in own)
        {
            var name = parameter.ParameterName.TrimStart('@', ':');
            if (name.StartsWith(PartitionBounds.Prefix, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"Parameter '{parameter.ParameterName}' uses the prefix {PartitionBounds.Prefix}, which partition plans reserve for their bounds; rename it.", nameof(parameters));
        }
        return (PartitionSource.Parse(source, column, granularity), own);
    }

    private static OwoxPartitionPlan Build(string source, PartitionSource parsed, string column, OwoxPartitionGranularity granularity, DateTime? first, DateTime? last, List<OwoxParameter> own, bool withNulls)
    {
        var partitions = new List<OwoxPartition>();
        if (first is DateTime from && last is DateTime to)
        {
            var range = parsed.Range(column);
            foreach (var (key, start, end) in PartitionCalendar.Periods(from, to, granularity))
                partitions.Add(new OwoxPartition(partitions.Count, column, granularity, key, start, end, range, Bounds(start, end).Concat(own)));
        }
        if (withNulls)
            partitions.Add(new OwoxPartition(partitions.Count, column, granularity, OwoxPartition.NullKey, null, null, parsed.Nulls(column), own));
        return new OwoxPartitionPlan(source, column, granularity, partitions);
    }
}

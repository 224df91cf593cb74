using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Owox.Data.Partitioning;

namespace Owox.Data;

/// <summary>
/// One unit of work of an <see cref="OwoxPartitionPlan"/>: the plan's query restricted to the rows whose date column is
/// in [<see cref="From"/>, <see cref="To"/>) — or, for the NULL partition, is NULL — as a command text with its
/// parameters. It serialises to one line of JSON (<see cref="ToJson"/>, <see cref="FromJson"/>), so it can be executed
/// anywhere with the same key: another thread, another process, a job array, an orchestrator's task per partition.
/// </summary>
public sealed class OwoxPartition
{
    /// <summary>The <see cref="Key"/> of the partition of rows whose date is NULL (Hive's name for a NULL partition value).</summary>
    public const string NullKey = "__HIVE_DEFAULT_PARTITION__";

    private readonly OwoxParameter[] _parameters;

    internal OwoxPartition(int index, string column, OwoxPartitionGranularity granularity, string key, DateTime? from, DateTime? to, string commandText, IEnumerable<OwoxParameter> parameters)
    {
        Index = index;
        Column = column;
        Granularity = granularity;
        Key = key;
        From = from;
        To = to;
        CommandText = commandText;
        _parameters = parameters.Select(Copy).ToArray();
    }

    /// <summary>The partition's position in its plan, from 0.</summary>
    public int Index { get; }

    /// <summary>The date column the plan partitions by.</summary>
    public string Column { get; }

    /// <summary>The plan's granularity.</summary>
    public OwoxPartitionGranularity Granularity { get; }

    /// <summary>
    /// The period's name: <c>yyyy-MM-dd</c> for a day, the Monday (<c>yyyy-MM-dd</c>) for a week, <c>yyyy-MM</c> for a
    /// month, or <see cref="NullKey"/>. It names the aligned period even when the plan's range clips it.
    /// </summary>
    public string Key { get; }

    /// <summary>The first day in the partition (inclusive); null for the NULL partition.</summary>
    public DateTime? From { get; }

    /// <summary>The day after the last one in the partition (exclusive); null for the NULL partition.</summary>
    public DateTime? To { get; }

    /// <summary>True for the partition of rows whose date column is NULL.</summary>
    public bool IsNull => From is null;

    /// <summary>The SELECT that reads the partition's rows.</summary>
    public string CommandText { get; }

    /// <summary>The command's parameters: the range's bounds and the plan's own parameters (copies; changing them changes nothing).</summary>
    public IReadOnlyList<OwoxParameter> Parameters => _parameters.Select(Copy).ToArray();

    /// <summary>The Hive-style directory name of the partition, e.g. <c>date_month=2024-11</c>.</summary>
    public string HiveName => $"{Column}_{Granularity.ToString().ToLowerInvariant()}={Key}";

    /// <summary>A command on <paramref name="connection"/> that reads the partition's rows.</summary>
    public OwoxCommand CreateCommand(OwoxConnection connection)
    {
        if (connection is null)
            throw new ArgumentNullException(nameof(connection));
        var command = new OwoxCommand(CommandText, connection);
        foreach (var parameter in _parameters)
            command.Parameters.Add(Copy(parameter));
        return command;
    }

    /// <summary>The partition as one line of JSON, read back by <see cref="FromJson"/>.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", Index);
            writer.WriteString("column", Column);
            writer.WriteString("granularity", Granularity.ToString().ToLowerInvariant());
            writer.WriteString("key", Key);
            WriteDay(writer, "from", From);
            WriteDay(writer, "to", To);
            writer.WriteString("commandText", CommandText);
            PartitionParameters.Write(writer, _parameters);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads a partition written by <see cref="ToJson"/>; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static OwoxPartition FromJson(string json)
    {
        if (json is null)
            throw new ArgumentNullException(nameof(json));
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return new OwoxPartition(
                root.GetProperty("index").GetInt32(),
                root.GetProperty("column").GetString()!,
                (OwoxPartitionGranularity)Enum.Parse(typeof(OwoxPartitionGranularity), root.GetProperty("granularity").GetString()!, ignoreCase: true),
                root.GetProperty("key").GetString()!,
                ReadDay(root, "from"),
                ReadDay(root, "to"),
                root.GetProperty("commandText").GetString()!,
                PartitionParameters.Read(root.GetProperty("parameters")));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"The text is not a partition written by OwoxPartition.ToJson ({e.Message}).", e);
        }
    }

    /// <inheritdoc />
    public override string ToString() => HiveName;

    private static OwoxParameter Copy(OwoxParameter p) => new(p.ParameterName, p.Value) { DbType = p.DbType };

    private static void WriteDay(Utf8JsonWriter writer, string name, DateTime? day)
    {
        if (day is DateTime value)
            writer.WriteString(name, PartitionCalendar.Day(value));
        else
            writer.WriteNull(name);
    }

    private static DateTime? ReadDay(JsonElement root, string name) =>
        root.GetProperty(name) is { ValueKind: JsonValueKind.String } day
            ? DateTime.ParseExact(day.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
}

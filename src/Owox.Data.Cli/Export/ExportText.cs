using System;
using System.Data.Common;
using System.Globalization;

namespace Owox.Data.Cli.Export;

/// <summary>
/// The one text form of each value type for export, shared by every output that writes values as text: owox-data's
/// table, CSV, NDJSON and SQLite outputs and the ETL sample's SQLite target (which compiles this file as a linked
/// source, so it does not depend on the CLI). Dates are <c>yyyy-MM-dd</c>; timestamps are ISO 8601 with seven
/// fractional digits — fixed width, so text order is time order — ending in <c>Z</c> only for instants
/// (<see cref="DateTimeKind.Utc"/>; wall-clock values have none); times of day are <c>hh:mm:ss.fffffff</c>; numbers
/// are invariant (decimals exact); booleans <c>true</c>/<c>false</c>; bytes Base64; GUIDs <c>D</c>.
/// </summary>
internal static class ExportText
{
    /// <summary>The form of a DATE value.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The form of a wall-clock timestamp (<see cref="DateTimeKind.Unspecified"/>).</summary>
    public const string WallClockFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff";

    /// <summary>The form of an instant (<see cref="DateTimeKind.Utc"/>).</summary>
    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The form of a time of day.</summary>
    public const string TimeFormat = @"hh\:mm\:ss\.fffffff";

    /// <summary>Whether the column holds dates (<see cref="OwoxDbColumn.IsDate"/>): its DateTime values are written without a time of day.</summary>
    public static bool IsDate(DbColumn column) => column is OwoxDbColumn { IsDate: true };

    /// <summary>Whether the column holds JSON text (<see cref="OwoxDbColumn.IsJson"/>: JSON, RECORD, ARRAY, VARIANT, SUPER, …).</summary>
    public static bool IsJson(DbColumn column) => column is OwoxDbColumn { IsJson: true };

    /// <summary>A timestamp's text: <see cref="InstantFormat"/> for a Utc value, <see cref="WallClockFormat"/> otherwise.</summary>
    public static string Timestamp(DateTime value) =>
        value.ToString(value.Kind == DateTimeKind.Utc ? InstantFormat : WallClockFormat, CultureInfo.InvariantCulture);

    /// <summary>The text of a non-null <paramref name="value"/>; <paramref name="isDate"/> for a DATE column's values.</summary>
    public static string Format(object value, bool isDate) => value switch
    {
        string s => s,
        DateTime d when isDate => d.ToString(DateFormat, CultureInfo.InvariantCulture),
        DateTime d => Timestamp(d),
        TimeSpan t => t.ToString(TimeFormat, CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        byte[] bytes => Convert.ToBase64String(bytes),
        Guid g => g.ToString("D"),
        double f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}

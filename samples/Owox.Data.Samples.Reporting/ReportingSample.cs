using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;

namespace Owox.Data.Samples.Reporting;

public enum ReportFormat
{
    Html,
    Csv,
}

/// <summary>What to report on and where to write it.</summary>
public sealed class ReportOptions
{
    /// <summary>A data-mart id or title, as listed by <c>GetSchema("Tables")</c>; null = the first data mart listed.</summary>
    public string? DataMart { get; set; }

    /// <summary>The columns to show; empty = every column of the data mart (from <c>GetSchema("Columns")</c>).</summary>
    public IList<string> Columns { get; } = new List<string>();

    /// <summary>At most this many rows (pushed down as <c>LIMIT</c>); null = all.</summary>
    public int? MaxRows { get; set; }

    public ReportFormat Format { get; set; } = ReportFormat.Html;

    public string OutputPath { get; set; } = "report.html";
}

/// <summary>What was written.</summary>
public sealed record ReportResult(string OutputPath, string DataMartId, string Title, IReadOnlyList<string> Columns, int Rows);

/// <summary>
/// The way a reporting tool uses a provider it only knows by name: <see cref="DbProviderFactories"/>, schema discovery
/// through <see cref="DbConnection.GetSchema(string, string[])"/>, <see cref="DbDataAdapter.Fill(DataTable)"/> into a
/// <see cref="DataTable"/>, then HTML or CSV. Nothing here names an Owox.Data type except the one-time registration.
/// </summary>
public static class ReportingSample
{
    public const string ProviderName = "Owox.Data";

    /// <summary>Registers the provider the way an application's start-up (or machine config) does.</summary>
    public static void RegisterProvider() => DbProviderFactories.RegisterFactory(ProviderName, OwoxFactory.Instance);

    public static ReportResult Run(string apiKey, ReportOptions options)
    {
        RegisterProvider();
        var factory = DbProviderFactories.GetFactory(ProviderName);
        var builder = factory.CreateConnectionStringBuilder() ?? throw new InvalidOperationException("The provider has no connection-string builder.");
        builder["Api Key"] = apiKey;

        using var connection = factory.CreateConnection() ?? throw new InvalidOperationException("The provider created no connection.");
        connection.ConnectionString = builder.ConnectionString;
        connection.Open();

        // 1. Which data mart? The Tables collection lists them (TABLE_NAME is the id, TITLE the name people know).
        var marts = connection.GetSchema("Tables");
        var mart = marts.Rows.Cast<DataRow>().FirstOrDefault(r => options.DataMart is null
                       || string.Equals((string)r["TABLE_NAME"], options.DataMart, StringComparison.Ordinal)
                       || string.Equals(r["TITLE"] as string, options.DataMart, StringComparison.OrdinalIgnoreCase))
                   ?? throw new ArgumentException($"No data mart '{options.DataMart}' in GetSchema(\"Tables\").", nameof(options));
        var martId = (string)mart["TABLE_NAME"];
        var title = mart["TITLE"] as string ?? martId;

        // 2. Which columns, of which types? The Columns collection, restricted to that table.
        var columnRows = connection.GetSchema("Columns", [null, null, martId]).Rows.Cast<DataRow>().ToList();
        var wanted = options.Columns.Count == 0 ? columnRows.Select(r => (string)r["COLUMN_NAME"]).ToList() : options.Columns.ToList();
        foreach (var name in wanted.Where(n => columnRows.All(r => (string)r["COLUMN_NAME"] != n)))
            throw new ArgumentException($"The data mart '{title}' has no column '{name}'.", nameof(options));
        var storageTypes = columnRows.ToDictionary(r => (string)r["COLUMN_NAME"], r => (string)r["DATA_TYPE"], StringComparer.Ordinal);

        // 3. Fill a DataTable through the factory's adapter.
        using var command = factory.CreateCommand() ?? throw new InvalidOperationException("The provider created no command.");
        command.Connection = connection;
        command.CommandText = $"SELECT {string.Join(", ", wanted.Select(Quote))} FROM {Quote(martId)}" +
                              (options.MaxRows is { } max ? " LIMIT " + max.ToString(CultureInfo.InvariantCulture) : "");
        using var adapter = factory.CreateDataAdapter() ?? throw new InvalidOperationException("The provider created no data adapter.");
        adapter.SelectCommand = command;
        using var table = new DataTable(title) { Locale = CultureInfo.InvariantCulture };
        adapter.Fill(table);

        // 4. Write it.
        var dateColumns = wanted.Where(c => storageTypes[c] == "DATE").ToHashSet(StringComparer.Ordinal);
        using (var writer = new StreamWriter(options.OutputPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            if (options.Format == ReportFormat.Csv)
                WriteCsv(table, dateColumns, writer);
            else
                WriteHtml(table, title, dateColumns, writer);
        }
        return new ReportResult(options.OutputPath, martId, title, wanted, table.Rows.Count);
    }

    /// <summary>Integer and decimal columns (counts and money) get a total; ratios (floating point) and text do not.</summary>
    public static bool IsTotalled(DataColumn column) => column.DataType == typeof(long) || column.DataType == typeof(decimal);

    private static void WriteHtml(DataTable table, string title, HashSet<string> dateColumns, TextWriter writer)
    {
        var columns = table.Columns.Cast<DataColumn>().ToList();
        writer.WriteLine("<!DOCTYPE html>");
        writer.WriteLine("<html lang=\"en\">");
        writer.WriteLine("<head>");
        writer.WriteLine("<meta charset=\"utf-8\">");
        writer.WriteLine($"<title>{Html(title)}</title>");
        writer.WriteLine("<style>body{font-family:system-ui,sans-serif}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:2px 6px;white-space:pre-wrap}td.n{text-align:right}tfoot th{background:#eee}</style>");
        writer.WriteLine("</head>");
        writer.WriteLine("<body>");
        writer.WriteLine($"<h1>{Html(title)}</h1>");
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"<p>{table.Rows.Count} rows, generated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.</p>"));
        writer.WriteLine("<table>");
        writer.WriteLine("<thead><tr>" + string.Concat(columns.Select(c => $"<th>{Html(c.ColumnName)}</th>")) + "</tr></thead>");
        writer.WriteLine("<tbody>");
        foreach (DataRow row in table.Rows)
        {
            writer.Write("<tr>");
            foreach (var column in columns)
                writer.Write(IsNumeric(column) ? $"<td class=\"n\">{Html(Format(row[column], dateColumns.Contains(column.ColumnName)))}</td>" : $"<td>{Html(Format(row[column], dateColumns.Contains(column.ColumnName)))}</td>");
            writer.WriteLine("</tr>");
        }
        writer.WriteLine("</tbody>");
        var totals = columns.Select((c, i) => IsTotalled(c) ? $"<th class=\"n\">{Html(Format(Total(table, c), false))}</th>" : i == 0 ? "<th>Total</th>" : "<th></th>");
        writer.WriteLine("<tfoot><tr>" + string.Concat(totals) + "</tr></tfoot>");
        writer.WriteLine("</table>");
        writer.WriteLine("</body>");
        writer.WriteLine("</html>");
    }

    private static void WriteCsv(DataTable table, HashSet<string> dateColumns, TextWriter writer)
    {
        var columns = table.Columns.Cast<DataColumn>().ToList();
        writer.Write(string.Join(",", columns.Select(c => Csv(c.ColumnName))) + "\r\n");
        foreach (DataRow row in table.Rows)
            writer.Write(string.Join(",", columns.Select(c => Csv(Format(row[c], dateColumns.Contains(c.ColumnName))))) + "\r\n");
    }

    /// <summary>The sum of a totalled column, NULLs skipped.</summary>
    public static object Total(DataTable table, DataColumn column)
    {
        var values = table.Rows.Cast<DataRow>().Select(r => r[column]).Where(v => v is not DBNull);
        return column.DataType == typeof(long) ? values.Sum(v => (long)v) : values.Sum(v => (decimal)v);
    }

    private static bool IsNumeric(DataColumn column) =>
        column.DataType == typeof(long) || column.DataType == typeof(decimal) || column.DataType == typeof(double);

    private static string Format(object value, bool isDate) => value switch
    {
        DBNull => "",
        DateTime d when isDate => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime { Kind: DateTimeKind.Utc } d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    private static string Csv(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

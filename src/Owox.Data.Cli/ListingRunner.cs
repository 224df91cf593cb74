using System;
using System.Data;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Cli.Export;

namespace Owox.Data.Cli;

/// <summary>
/// <c>marts</c>, <c>columns &lt;id&gt;</c> and <c>reports</c>: what the key can see, as a table, CSV or NDJSON on stdout
/// and a count on stderr.
/// </summary>
internal static class ListingRunner
{
    /// <summary>Runs the listing <paramref name="name"/> (for <c>columns</c>, of data mart <paramref name="id"/>); returns the exit code.</summary>
    public static async Task<int> RunAsync(string name, string? id, string? key, string format, CliConsole console, CancellationToken cancellationToken)
    {
        try
        {
            await using var session = await CliSession.OpenAsync(key, console, demoMart: false, cancellationToken);
            using var table = name switch
            {
                "marts" => MartListing(await session.Connection.GetSchemaAsync("Tables", cancellationToken)),
                "columns" => await ColumnsAsync(session.Connection, id!, cancellationToken),
                _ => await ReportsAsync(session, cancellationToken),
            };
            using var listed = table.CreateDataReader();
            var count = format switch
            {
                "csv" => await CsvOutput.WriteAsync(listed, console.Out, long.MaxValue, byteOrderMark: false, null, cancellationToken),
                "ndjson" => await NdjsonOutput.WriteAsync(listed, console.Out, long.MaxValue, null, cancellationToken),
                _ => await TableOutput.WriteAsync(listed, console.Out, long.MaxValue, cancellationToken),
            };
            await console.Error.WriteLineAsync($"{count} {(name == "marts" ? "data marts" : name)}.");
            return OwoxDataCli.Done;
        }
        catch (OwoxException e)
        {
            await console.Error.WriteLineAsync($"owox-data: {e.Message}");
            return OwoxDataCli.Failed;
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("owox-data: cancelled.");
            return OwoxDataCli.Cancelled;
        }
    }

    /// <summary>
    /// What <c>marts</c> prints, from the Tables schema collection: the id to copy (in full, even in a table), title,
    /// status and warehouse, then the description.
    /// </summary>
    private static DataTable MartListing(DataTable tables)
    {
        using (tables)
        {
            var listing = tables.DefaultView.ToTable(false, "TABLE_NAME", "TITLE", "STATUS", "STORAGE_TYPE", "DESCRIPTION");
            listing.Columns["TABLE_NAME"]!.ColumnName = "ID";
            return listing;
        }
    }

    /// <summary>
    /// The Columns schema collection of one data mart. A restriction that matches no data mart gives an empty
    /// collection (ADO.NET's rule), so the mart is first read by a schema-only command, which fails with the server's
    /// 404 for an unknown id: a typo is an error, not a data mart without columns.
    /// </summary>
    private static async Task<DataTable> ColumnsAsync(OwoxConnection connection, string id, CancellationToken cancellationToken)
    {
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = id;
            await using var schema = await command.ExecuteReaderAsync(CommandBehavior.SchemaOnly, cancellationToken);
        }
        return await connection.GetSchemaAsync("Columns", [null, null, id], cancellationToken);
    }

    /// <summary>The saved reports of every data mart the key can see: the provider's <c>Views</c> schema collection.</summary>
    private static async Task<DataTable> ReportsAsync(CliSession session, CancellationToken cancellationToken)
    {
        using var views = await session.Connection.GetSchemaAsync("Views", cancellationToken);
        var reports = new DataTable("Reports");
        reports.Columns.Add("ID");
        reports.Columns.Add("TITLE");
        reports.Columns.Add("DATA_MART_ID");
        reports.Columns.Add("DATA_MART_TITLE");
        foreach (DataRow view in views.Rows)
            reports.Rows.Add(view["TABLE_NAME"], view["TITLE"], view["DATA_MART_ID"], view["DATA_MART_TITLE"]);
        return reports;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Dapper;

namespace Owox.Data.Samples.Quickstart;

/// <summary>One row of the query below. Dapper maps columns to the constructor by name; the types are the provider's CLR types.</summary>
public sealed record AdRow(DateTime Date, string Campaign, string? Channel, long Clicks, decimal Cost);

/// <summary>What to query: a data mart, a date range [<see cref="From"/>, <see cref="To"/>) and a row limit.</summary>
public sealed class QuickstartOptions
{
    public string DataMartId { get; set; } = "";

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    public int Limit { get; set; } = 10;
}

/// <summary>The whole sample: open with the key, run a parameterised SELECT through Dapper, print the rows.</summary>
public static class QuickstartSample
{
    public static async Task<IReadOnlyList<AdRow>> RunAsync(string apiKey, QuickstartOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        await using var connection = new OwoxConnection(apiKey);
        await connection.OpenAsync(cancellationToken);

        // Pushed down to OWOX: the filter, the sort and the limit run in the warehouse, not here.
        var sql = $"""
            SELECT date, campaign, channel, clicks, cost
            FROM "{options.DataMartId}"
            WHERE date >= @from AND date < @to
            ORDER BY date
            LIMIT @limit
            """;
        var parameters = new { from = options.From.ToDateTime(TimeOnly.MinValue), to = options.To.ToDateTime(TimeOnly.MinValue), limit = options.Limit };
        var rows = (await connection.QueryAsync<AdRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).AsList();

        foreach (var row in rows)
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{row.Date:yyyy-MM-dd}  {row.Campaign,-32}  {row.Channel ?? "-",-8}  {row.Clicks,6}  {row.Cost,10:N2}"));
        await output.WriteLineAsync($"{rows.Count} rows");
        return rows;
    }
}

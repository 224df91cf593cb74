using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Owox.Data.Emulator;
using Owox.Data.Samples.Etl;

namespace Owox.Data.Cli.Tests.Samples;

/// <summary>The ETL sample and owox-data write every value in the same text form (ExportText), so their SQLite files agree.</summary>
public sealed class SharedExportFormTests(SampleEmulatorFixture fixture) : IClassFixture<SampleEmulatorFixture>
{
    private static Dictionary<string, string?[]> Rows(string path, string table)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT CAST(date AS TEXT), CAST(created_at AS TEXT), CAST(cost AS TEXT), CAST(is_active AS TEXT) FROM \"{table}\"";
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, string?[]>();
        while (reader.Read())
            rows[reader.GetString(0)] = [.. Enumerable.Range(1, 3).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i))];
        return rows;
    }

    [Fact]
    public async Task The_etl_sample_and_owox_data_write_the_same_text()
    {
        var etlPath = fixture.TempFile("etl.db");
        var result = await EtlJob.RunAsync(fixture.ApiKey, new EtlOptions
        {
            DataMartId = DemoMarts.AdPerformance,
            DatabasePath = etlPath,
            TableName = "ads",
            From = SampleEmulatorFixture.FirstDate,
            To = SampleEmulatorFixture.FirstDate.AddDays(DemoMarts.DateSpanDays),
            Log = TextWriter.Null,
        });
        Assert.True(result.Succeeded);

        var cliPath = fixture.TempFile("cli.db");
        using var errors = new StringWriter();
        var exit = await OwoxDataCli.RunAsync([DemoMarts.AdPerformance, "--format", "sqlite", "-o", cliPath, "--table", "ads"], fixture.ApiKey, TextWriter.Null, errors, CancellationToken.None);
        Assert.True(exit == 0, errors.ToString());

        var etl = Rows(etlPath, "ads");
        var cli = Rows(cliPath, "ads");
        Assert.Equal(SampleEmulatorFixture.DemoRows, cli.Count);
        Assert.Equal(cli.Keys.Order(), etl.Keys.Order());
        foreach (var (date, values) in cli)
            Assert.Equal(values, etl[date]);
        Assert.All(cli.Values, v => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$", v[0]));
    }
}

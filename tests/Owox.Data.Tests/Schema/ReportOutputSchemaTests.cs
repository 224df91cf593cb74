using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Emulator;

namespace Owox.Data.Tests.Schema;

/// <summary>A report's result columns from <c>GET /api/reports/{id}/output-schema</c>, and the fallback to its definition where the server has no such endpoint.</summary>
public class ReportOutputSchemaTests
{
    private static async Task<(string[] Names, string[] Types, bool[] Nullable)> RunReportAsync(OwoxDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        using var reader = await new OwoxCommand("report:" + DemoMarts.CostByCountryReport, connection).ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var columns = reader.GetColumnSchema();
        return (columns.Select(c => c.ColumnName).ToArray(), columns.Select(c => c.DataTypeName!).ToArray(), columns.Select(c => c.AllowDBNull == true).ToArray());
    }

    [Fact]
    public async Task The_output_schema_types_the_report_and_is_read_once()
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 50 });
        var asked = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Owox.Data",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem("server.port"), emulator.BaseAddress.Port))
                    asked.Enqueue(activity.DisplayName);
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var dataSource = OwoxDataSource.Create(emulator.ApiKey);

        var first = await RunReportAsync(dataSource);
        var second = await RunReportAsync(dataSource);
        Assert.Equal(["country", "cost | SUM", "ctr | AVG", "Row Count"], first.Names);
        Assert.Equal(["STRING", "NUMERIC", "FLOAT", "INTEGER"], first.Types);
        Assert.Equal([false, true, true, false], first.Nullable);
        Assert.Equal(first.Types, second.Types);
        Assert.Single(asked, n => n == "get_report_output_schema " + DemoMarts.CostByCountryReport);
    }

    [Fact]
    public async Task Without_the_endpoint_the_columns_come_from_the_definition_as_before()
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 50 });
        (string[] Names, string[] Types, bool[] Nullable) withEndpoint;
        await using (var plain = OwoxDataSource.Create(emulator.ApiKey))
            withEndpoint = await RunReportAsync(plain);
        using var handler = new NoOutputSchema();
        await using var dataSource = new OwoxDataSourceBuilder(emulator.ApiKey).UseHttpMessageHandler(handler).Build();

        var fallback = await RunReportAsync(dataSource);
        Assert.Equal(1, handler.Refused);
        Assert.Equal(withEndpoint.Names, fallback.Names);
        Assert.Equal(withEndpoint.Types, fallback.Types);
        Assert.Equal(withEndpoint.Nullable, fallback.Nullable);
    }

    /// <summary>A server before 0.35: <c>/output-schema</c> answers 404, everything else goes through.</summary>
    private sealed class NoOutputSchema() : DelegatingHandler(new HttpClientHandler { AllowAutoRedirect = false })
    {
        private int _refused;

        public int Refused => Volatile.Read(ref _refused);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.RequestUri!.AbsolutePath.EndsWith("/output-schema", StringComparison.Ordinal))
                return base.SendAsync(request, cancellationToken);
            Interlocked.Increment(ref _refused);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound)
            {
                Content = new StringContent("""{"message":"Cannot GET","error":"Not Found","statusCode":404}""", System.Text.Encoding.UTF8, "application/json"),
            });
        }
    }
}

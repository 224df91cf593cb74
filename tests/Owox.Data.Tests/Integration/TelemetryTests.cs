using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Owox.Data.Emulator;

namespace Owox.Data.Tests.Integration;

/// <summary>The spans, metrics and Debug log a command produces, through the Owox.Data.OpenTelemetry package and in-memory exporters.</summary>
public class TelemetryTests
{
    private const string ParameterValue = "parameter-value-7f3c";

    private static string Sql => $"SELECT campaign, clicks FROM {DemoMarts.AdPerformance} WHERE country = @country";

    private static Dictionary<string, object?> TagsOf(Activity activity) => activity.TagObjects.ToDictionary(t => t.Key, t => t.Value);

    /// <summary>Runs a parameterised SELECT, a Tables listing and a read of an unknown mart against a fresh emulator.</summary>
    private static async Task<OwoxEmulator> RunWorkloadAsync(ILoggerFactory? loggerFactory = null)
    {
        var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 20 });
        var builder = new OwoxDataSourceBuilder($"Api Key={emulator.ApiKey}");
        if (loggerFactory is not null)
            builder.UseLoggerFactory(loggerFactory);
        await using var dataSource = builder.Build();
        await using var connection = await dataSource.OpenConnectionAsync();
        using (var command = new OwoxCommand(Sql, connection))
        {
            command.Parameters.AddWithValue("country", ParameterValue);
            using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
        }
        connection.GetSchema("Tables");
        await Assert.ThrowsAsync<OwoxException>(() => new OwoxCommand("no-such-mart", connection).ExecuteReaderAsync());
        return emulator;
    }

    [Fact]
    public async Task Every_request_has_a_database_client_span_without_secrets_or_parameter_values()
    {
        var spans = new List<Activity>();
        using (Sdk.CreateTracerProviderBuilder().AddOwoxDataInstrumentation().AddInMemoryExporter(spans).Build())
        {
            await using var emulator = await RunWorkloadAsync();
            var secret = Owox.Data.Auth.ApiKey.Parse(emulator.ApiKey).ApiKeySecret;
            var port = emulator.BaseAddress.Port;
            var mine = spans.Where(s => TagsOf(s).TryGetValue("server.port", out var p) && Equals(p, port)).ToList();

            Assert.All(mine, s =>
            {
                var tags = TagsOf(s);
                Assert.Equal(ActivityKind.Client, s.Kind);
                Assert.Equal("owox_data_marts", tags["db.system.name"]);
                Assert.Equal(emulator.BaseAddress.Host, tags["server.address"]);
                var expectedName = tags.TryGetValue("db.collection.name", out var collection) ? $"{tags["db.operation.name"]} {collection}" : (string)tags["db.operation.name"]!;
                Assert.Equal(expectedName, s.DisplayName);
                foreach (var value in tags.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty))
                {
                    Assert.DoesNotContain(secret, value, StringComparison.Ordinal);
                    Assert.DoesNotContain(ParameterValue, value, StringComparison.Ordinal);
                    Assert.DoesNotContain("Bearer", value, StringComparison.Ordinal);
                }
            });

            var exchange = Assert.Single(mine, s => s.DisplayName == "exchange_api_key");
            Assert.Equal("200", TagsOf(exchange)["db.response.status_code"]);

            var stream = Assert.Single(mine, s => s.DisplayName == "stream_data_mart " + DemoMarts.AdPerformance);
            var streamTags = TagsOf(stream);
            Assert.Equal(Sql, streamTags["db.query.text"]);
            Assert.Equal("200", streamTags["db.response.status_code"]);
            Assert.Equal(0L, streamTags["owox.rows"]);
            Assert.Equal(ActivityStatusCode.Unset, stream.Status);

            Assert.Contains(mine, s => s.DisplayName == "get_data_mart " + DemoMarts.AdPerformance && !TagsOf(s).ContainsKey("db.query.text"));
            Assert.Contains(mine, s => s.DisplayName == "list_data_marts");

            var failed = Assert.Single(mine, s => s.DisplayName == "get_data_mart no-such-mart");
            Assert.Equal("404", TagsOf(failed)["error.type"]);
            Assert.Equal("404", TagsOf(failed)["db.response.status_code"]);
            Assert.Equal(ActivityStatusCode.Error, failed.Status);
        }
    }

    [Fact]
    public async Task Operation_durations_and_counters_carry_the_operations_attributes()
    {
        var metrics = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder().AddOwoxDataInstrumentation().AddInMemoryExporter(metrics).Build();
        await using var emulator = await RunWorkloadAsync();
        provider.ForceFlush();
        var port = emulator.BaseAddress.Port;

        List<Dictionary<string, object?>> Points(string name)
        {
            var points = new List<Dictionary<string, object?>>();
            foreach (var metric in metrics.Where(m => m.Name == name))
            {
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    var tags = new Dictionary<string, object?>();
                    foreach (var tag in point.Tags)
                        tags[tag.Key] = tag.Value;
                    if (tags.TryGetValue("server.port", out var p) && Equals(p, port))
                        points.Add(tags);
                }
            }
            return points;
        }

        var durations = Points("db.client.operation.duration");
        Assert.Equal("s", metrics.First(m => m.Name == "db.client.operation.duration").Unit);
        Assert.Contains(durations, t => Equals(t["db.operation.name"], "stream_data_mart") && Equals(t["db.collection.name"], DemoMarts.AdPerformance)
            && Equals(t["db.system.name"], "owox_data_marts") && Equals(t["db.response.status_code"], "200") && !t.ContainsKey("error.type"));
        Assert.Contains(durations, t => Equals(t["db.operation.name"], "exchange_api_key"));
        Assert.Contains(durations, t => Equals(t["db.operation.name"], "get_data_mart") && t.TryGetValue("error.type", out var error) && Equals(error, "404"));
        Assert.All(durations, t => Assert.False(t.ContainsKey("db.query.text")));

        Assert.Contains(Points("owox.data.rows"), t => Equals(t["db.operation.name"], "stream_data_mart") && Equals(t["db.collection.name"], DemoMarts.AdPerformance));
        Assert.Contains(Points("owox.data.token.exchanges"), t => Equals(t["db.operation.name"], "exchange_api_key"));
    }

    [Fact]
    public async Task A_Debug_line_shows_the_request_a_command_became_without_the_token()
    {
        var logs = new ConcurrentQueue<string>();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new CollectingLoggerProvider(logs)));
        await using var emulator = await RunWorkloadAsync(loggerFactory);

        var line = Assert.Single(logs, l => l.Contains("GET /api/external/http-data/data-marts/", StringComparison.Ordinal));
        Assert.StartsWith("Debug: ", line, StringComparison.Ordinal);
        Assert.Contains("column=campaign&column=clicks", line, StringComparison.Ordinal);
        Assert.Contains($$"""filter=[{"column":"country","operator":"eq","value":"{{ParameterValue}}"}]""", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Bearer", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Owox.Data.Auth.ApiKey.Parse(emulator.ApiKey).ApiKeySecret, line, StringComparison.Ordinal);
    }
}

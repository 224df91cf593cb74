using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Linq;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Owox.Data.Emulator.Model;
using Owox.Data.Emulator.Query;
using Owox.Data.Emulator.Rendering;
using Owox.Data.Emulator.Storage;

namespace Owox.Data.Emulator.Http;

/// <summary>
/// The streaming family: the NDJSON endpoints of data marts and reports (wire-protocol §3, §4), with the runs they
/// record, the stream faults, shutdown cuts and, as a self-hosted 0.35 server, the licence refusal (wire-protocol §10).
/// </summary>
internal sealed class StreamingHandler(OwoxEmulator emulator, EmulatorStore store, RunStore runs)
{
    /// <summary>The self-hosted 0.35.0 server's refusal of every stream without a Cloud licence.</summary>
    public const string LicenseRequiredMessage = "Report Runs require an active OWOX Data Marts Cloud license.";

    private const int FlushThreshold = 32 * 1024;
    private const int ShutdownBatchSize = 5000;

    /// <summary>How many bytes of pre-rendered rows benchmark mode hands Kestrel at a time.</summary>
    private const int PayloadFlushBytes = 64 * 1024;

    public async Task StreamDataMartAsync(HttpContext context, string martId, FaultRule? fault)
    {
        var query = QueryParser.Parse(RawQuery.Parse(context.Request.QueryString), out var error);
        if (error is not null)
        {
            throw ApiError.BadRequestBusiness(error);
        }

        var mart = LoadStreamableMart(martId);
        RefuseWithoutLicense(mart, query, null);
        if (mart.IsBenchmark && emulator.Options.PreRenderedPayload is { } payload)
        {
            await WritePayloadAsync(context, mart, payload, fault).ConfigureAwait(false);
            return;
        }

        await StreamAsync(context, mart, query, null, fault).ConfigureAwait(false);
    }

    public async Task StreamReportAsync(HttpContext context, string reportId, FaultRule? fault)
    {
        var limit = QueryParser.ParseReportQuery(RawQuery.Parse(context.Request.QueryString), out var error);
        if (error is not null)
        {
            throw ApiError.BadRequestBusiness(error);
        }

        var report = store.FindReport(reportId) ?? throw ApiError.NotFound($"Report with id {reportId} not found");
        var mart = LoadStreamableMart(report.DataMartId);
        var query = ReportQuery.Build(report);
        if (limit is not null)
        {
            query.Limit = limit;
        }

        RefuseWithoutLicense(mart, query, report.Id);

        await StreamAsync(context, mart, query, report.Id, fault).ConfigureAwait(false);
    }

    private MartInfo LoadStreamableMart(string martId)
    {
        var mart = store.FindMart(martId) ?? throw ApiError.NotFound($"Data Mart with id {martId} and projectId {EmulatedProject.ProjectId} not found");
        if (!mart.Published)
        {
            throw ApiError.NotFound($"Data Mart {martId} not found");
        }

        return mart;
    }

    private RunRecord NewRun(MartInfo mart, string? reportId, JsonObject httpData) => new()
    {
        DataMartId = mart.Id,
        ReportId = reportId,
        CreatedAt = emulator.Clock.Now,
        HttpData = httpData,
    };

    private static void SetStreamHeaders(HttpContext context, string runId)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/x-ndjson; charset=utf-8";
        response.Headers["x-owox-run-id"] = runId;
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
    }

    /// <summary>The run's <c>httpData</c> before column resolution: the format and the decoded controls.</summary>
    private static JsonObject HttpDataOf(HttpDataQuery query)
    {
        var httpData = new JsonObject { ["format"] = "ndjson" };
        foreach (var (name, json) in query.RawControls)
        {
            httpData[name] = JsonNode.Parse(json.GetRawText());
        }

        if (query.Limit is { } l)
        {
            httpData["limit"] = l;
        }

        return httpData;
    }

    /// <summary>
    /// As a self-hosted 0.35 server: after validation, the 404s and the permission check, before column resolution,
    /// every stream is refused for want of a licence and recorded as a RESTRICTED run (wire-protocol §10).
    /// </summary>
    private void RefuseWithoutLicense(MartInfo mart, HttpDataQuery query, string? reportId)
    {
        if (emulator.Options.Server != EmulatedServer.SelfHosted035)
        {
            return;
        }

        runs.Finish(NewRun(mart, reportId, HttpDataOf(query)), "RESTRICTED", LicenseRequiredMessage);
        throw ApiError.BadRequestBusiness(LicenseRequiredMessage, new JsonObject { ["blockedReasons"] = new JsonArray("LICENSE_REQUIRED") });
    }

    private async Task StreamAsync(HttpContext context, MartInfo mart, HttpDataQuery query, string? reportId, FaultRule? fault)
    {
        var httpData = HttpDataOf(query);
        var run = NewRun(mart, reportId, httpData);
        QueryPlan plan;
        try
        {
            plan = QueryPlanner.Plan(mart, query, emulator.Clock.Today);
        }
        catch (ApiError e) when (e.Details is not null)
        {
            // Output-controls failures happen after the run was created (wire-protocol §3.4 step 7): it is recorded as FAILED.
            runs.Finish(run, "FAILED", e.Message);
            throw;
        }

        httpData["columns"] = new JsonArray(plan.Columns.Select(c => (JsonNode?)c).ToArray());
        if (reportId is not null)
        {
            httpData["executionSqlQuery"] = plan.Sql;
        }

        httpData["dataDescription"] = new JsonObject
        {
            ["dataHeaders"] = new JsonArray(plan.Outputs.Select(o =>
            {
                var header = new JsonObject { ["name"] = o.Key };
                if (o.Title is not null)
                {
                    header["title"] = o.Title;
                }

                header["type"] = o.Type;
                return (JsonNode?)header;
            }).ToArray()),
        };

        var ct = context.RequestAborted;
        using var connection = store.Open();
        RawStatement statement;
        bool hasRow;
        try
        {
            statement = RawStatement.Prepare(connection, plan.Sql, plan.Parameters);
            try
            {
                hasRow = statement.Step();
            }
            catch
            {
                statement.Dispose();
                throw;
            }
        }
        catch (SqliteException e)
        {
            runs.Finish(run, "FAILED", e.Message);
            throw new ApiError($"Storage dependency failed while reading this Data Mart data: {TypeCatalog.ProviderName(mart.Flavor)} returned an error: {e.Message}")
            {
                Status = 424,
                Code = "STORAGE_READ_FAILED",
                Details = new JsonObject
                {
                    ["dependency"] = "storage",
                    ["providerMessage"] = e.Message,
                    ["providerName"] = TypeCatalog.ProviderName(mart.Flavor),
                    ["storageType"] = TypeCatalog.StorageType(mart.Flavor),
                },
            };
        }

        using (statement)
        {
            runs.Add(run);
            SetStreamHeaders(context, run.Id);
            var body = context.Response.BodyWriter;
            var writer = new NdjsonWriter(body);
            var renderer = ValueRenderer.For(mart.Flavor);
            var drip = fault?.Kind == FaultKind.SlowDrip;

            // EndCleanlyShort: the rows past AfterRows are rendered and counted in the run as written, but never sent.
            var lost = fault?.Kind == FaultKind.EndCleanlyShort ? new ArrayBufferWriter<byte>() : null;
            var lostWriter = lost is null ? null : new NdjsonWriter(lost);
            long rows = 0;
            try
            {
                await context.Response.StartAsync(ct).ConfigureAwait(false);
                var pacer = StreamPacer.Start(emulator.Options);
                while (hasRow)
                {
                    if (fault is not null && rows == fault.AfterRows && fault.Kind is FaultKind.CutBetweenRows or FaultKind.CutMidRow or FaultKind.Stall)
                    {
                        await ApplyStreamFaultAsync(context, run, writer, renderer, statement.Row, plan, fault, rows).ConfigureAwait(false);
                        return;
                    }

                    if (drip)
                    {
                        await Task.Delay(fault!.Delay, ct).ConfigureAwait(false);
                    }

                    if (lostWriter is not null && rows >= fault!.AfterRows)
                    {
                        renderer.WriteRow(lostWriter, statement.Row, plan);
                        lost!.ResetWrittenCount();
                    }
                    else
                    {
                        renderer.WriteRow(writer, statement.Row, plan);
                    }

                    rows++;
                    run.RowCount = rows;
                    run.BytesWritten = writer.Total + (lostWriter?.Total ?? 0);

                    // A row held back by the rate bound goes out once it is due, with what was written before it.
                    var paced = pacer is not null && await pacer.WaitAsync(rows, run.BytesWritten, ct).ConfigureAwait(false);
                    if (drip || paced || writer.Pending >= FlushThreshold)
                    {
                        writer.ResetPending();
                        await FlushOrThrowAsync(body, ct).ConfigureAwait(false);
                    }

                    if (emulator.ShuttingDown && (drip || rows % ShutdownBatchSize == 0))
                    {
                        // A deploy aborts streams at the next batch boundary: truncation, not a clean end.
                        await body.FlushAsync(ct).ConfigureAwait(false);
                        runs.Finish(run, "FAILED", "Server is shutting down");
                        await CutConnectionAsync(context).ConfigureAwait(false);
                        return;
                    }

                    hasRow = statement.Step();
                }

                if (fault is not null && fault.Kind is FaultKind.CutBetweenRows or FaultKind.CutMidRow or FaultKind.Stall)
                {
                    // Fewer rows than AfterRows: the fault hits at the end (still before the terminator).
                    await ApplyStreamFaultAsync(context, run, writer, renderer, null, plan, fault, rows).ConfigureAwait(false);
                    return;
                }

                await body.FlushAsync(ct).ConfigureAwait(false);
                run.RowCount = rows;
                run.BytesWritten = writer.Total + (lostWriter?.Total ?? 0);
                runs.Finish(run, "SUCCESS", null);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
            {
                runs.Finish(run, "FAILED", "Client disconnected before stream completion");
                if (emulator.ShuttingDown)
                {
                    await CutConnectionAsync(context).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is SqliteException or RegexMatchTimeoutException or FormatException or OverflowException or JsonException)
            {
                // A failure after the headers went out cannot be reported in-band: record it and truncate (wire-protocol §3.10).
                runs.Finish(run, "FAILED", e.Message);
                try
                {
                    await body.FlushAsync(ct).ConfigureAwait(false);
                }
                catch (Exception flushError) when (flushError is OperationCanceledException or IOException or InvalidOperationException)
                {
                }

                await CutConnectionAsync(context).ConfigureAwait(false);
            }
        }
    }

    private async Task ApplyStreamFaultAsync(HttpContext context, RunRecord run, NdjsonWriter writer, ValueRenderer renderer, RawRow? reader, QueryPlan plan, FaultRule fault, long rows)
    {
        var body = context.Response.BodyWriter;
        if (fault.Kind == FaultKind.CutMidRow && reader is not null)
        {
            var buffer = new ArrayBufferWriter<byte>();
            renderer.WriteRow(new NdjsonWriter(buffer), reader, plan);
            var half = buffer.WrittenSpan[..Math.Max(1, buffer.WrittenCount / 2)];
            writer.RawUtf8(half);
        }

        run.RowCount = rows;
        run.BytesWritten = writer.Total;
        await body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        if (fault.Kind == FaultKind.Stall)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, emulator.Stopping);
            var idle = fault.Delay > TimeSpan.Zero ? fault.Delay : Timeout.InfiniteTimeSpan;
            try
            {
                await Task.Delay(idle, linked.Token).ConfigureAwait(false);

                // The idle-socket timeout fired (Node destroys the socket): the client sees a truncated body.
                runs.Finish(run, "FAILED", "Socket idle timeout");
                await CutConnectionAsync(context).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException)
            {
            }

            runs.Finish(run, "FAILED", "Client disconnected before stream completion");
            context.Abort();
            return;
        }

        runs.Finish(run, "FAILED", $"Emulated fault: stream cut after {rows} rows");
        await CutConnectionAsync(context).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends the connection the way Node's <c>socket.destroy()</c> after a flushed write looks to a client: the bytes sent
    /// so far arrive, then a FIN without the terminating chunk (so .NET reports <c>ResponseEnded</c>, not a reset).
    /// </summary>
    internal static async Task CutConnectionAsync(HttpContext context)
    {
        // Give the flushed bytes time to leave Kestrel's transport pipe before the socket's send side is shut down
        // (generous for a loaded 2-core machine; a cut is rare, so the latency does not matter). Should Kestrel not have
        // sent even the headers by then, the client sees a connection closed before any response, and SocketsHttpHandler
        // re-sends the request by itself when the connection was a reused one: a test that must fail should not depend
        // on a cut that early (ResilienceTests).
        await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
        var socket = context.Features.Get<IConnectionSocketFeature>()?.Socket;
        try
        {
            socket?.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        await Task.Delay(30, CancellationToken.None).ConfigureAwait(false);
        context.Abort();
    }

    /// <summary>Flushes the body; a flush the client no longer takes (it went away) ends the stream as a disconnect.</summary>
    private static async ValueTask FlushOrThrowAsync(PipeWriter body, CancellationToken cancellationToken)
    {
        var flushed = await body.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (flushed.IsCanceled || flushed.IsCompleted)
        {
            throw new OperationCanceledException();
        }
    }

    /// <summary>
    /// Benchmark mode: <paramref name="payload"/>, <see cref="OwoxEmulatorOptions.PreRenderedPayloadRepeat"/> times. Of the
    /// stream faults it applies <see cref="FaultKind.EndCleanlyShort"/> (payload lines are its rows); the others act as none.
    /// </summary>
    private async Task WritePayloadAsync(HttpContext context, MartInfo mart, byte[] payload, FaultRule? fault)
    {
        var run = NewRun(mart, null, new JsonObject { ["format"] = "ndjson" });
        runs.Add(run);
        SetStreamHeaders(context, run.Id);

        // Each row is its own HTTP chunk, as the real server writes it. Kestrel would frame a chunk per write and flush,
        // which costs the emulator more CPU per row than the client spends reading it, on the same cores: so on
        // HTTP/1.1 the emulator frames the rows itself and hands Kestrel PayloadFlushBytes at a time (the bytes on the
        // wire are the same). HTTP/1.0 has no chunks: its rows go out as they are. A paced stream flushes every row.
        var framed = HttpProtocol.IsHttp11(context.Request.Protocol);
        if (framed)
        {
            context.Response.Headers.TransferEncoding = "chunked";
        }

        var body = context.Response.BodyWriter;
        var repeat = emulator.Options.PreRenderedPayloadRepeat;

        // EndCleanlyShort sends only the first AfterRows lines; the run still counts the whole payload as written.
        var sent = fault?.Kind == FaultKind.EndCleanlyShort ? fault.AfterRows : long.MaxValue;
        long lines = 0, bytes = 0;
        var ct = context.RequestAborted;
        try
        {
            var pacer = StreamPacer.Start(emulator.Options);
            var pending = 0;
            for (var block = 0; block < repeat && lines < sent; block++)
            {
                for (var start = 0; start < payload.Length && lines < sent;)
                {
                    var newline = payload.AsSpan(start).IndexOf((byte)'\n');
                    var end = newline < 0 ? payload.Length : start + newline + 1;
                    lines++;
                    bytes += end - start;
                    if (pacer is not null)
                    {
                        await pacer.WaitAsync(lines, bytes, ct).ConfigureAwait(false);
                    }

                    var row = payload.AsSpan(start, end - start);
                    if (framed)
                    {
                        pending += RowChunks.Write(body, row);
                    }
                    else
                    {
                        body.Write(row);
                        pending += row.Length;
                    }

                    if (pacer is not null || pending >= PayloadFlushBytes)
                    {
                        pending = 0;
                        await FlushOrThrowAsync(body, ct).ConfigureAwait(false);
                    }

                    start = end;
                }
            }

            await FlushOrThrowAsync(body, ct).ConfigureAwait(false);
            var totalRows = (long)payload.AsSpan().Count((byte)'\n') * repeat;
            var totalBytes = (long)payload.Length * repeat;
            if (pacer is not null)
            {
                // The lines an EndCleanlyShort did not send still take their time, as on the server that wrote them.
                await pacer.WaitAsync(totalRows, totalBytes, ct).ConfigureAwait(false);
            }

            if (framed)
            {
                RowChunks.WriteLast(body);
                await FlushOrThrowAsync(body, ct).ConfigureAwait(false);
            }

            run.RowCount = totalRows;
            run.BytesWritten = totalBytes;
            runs.Finish(run, "SUCCESS", null);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            runs.Finish(run, "FAILED", "Client disconnected before stream completion");
        }
    }
}

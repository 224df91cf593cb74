using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Tests.Hostile;

/// <summary>
/// An in-process handler playing the OWOX API for pure-logic tests of hostile input: it answers the exchange and
/// the schema call normally and serves whatever body the test gives for the data stream.
/// </summary>
internal sealed class StubOwoxServer(Func<HttpContent> streamBody, string schemaJson) : HttpMessageHandler
{
    public const string ApiKey =
        "owox_key_eyJhcGlPcmlnaW4iOiJodHRwczovL2FwcC5vd294LmNvbSIsImFwaUtleUlkIjoicG1rX0FiQ2RFZkdoSWpLbE1uT3BRclN0VXYiLCJhcGlLZXlTZWNyZXQiOiJFWEFNUExFZXhhbXBsZUVYQU1QTEVleGFtcGxlRVhBTVBMRWV4YW1wbGUwIn0";

    public const string Secret = "EXAMPLEexampleEXAMPLEexampleEXAMPLEexample0";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        HttpResponseMessage response;
        if (path.EndsWith("/exchange", StringComparison.Ordinal))
            response = Json("{\"accessToken\":\"t\"}");
        else if (path.EndsWith(".ndjson", StringComparison.Ordinal))
            response = new HttpResponseMessage(HttpStatusCode.OK) { Content = streamBody() };
        else
            response = Json(schemaJson);
        return Task.FromResult(response);
    }

    private static HttpResponseMessage Json(string json) =>
        new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static OwoxDataSource DataSource(Func<HttpContent> streamBody, string schemaJson, string schemaSource = "Metadata", string extra = "") =>
        new OwoxDataSourceBuilder($"Api Key={ApiKey};Max Retries=0;Schema Source={schemaSource};{extra}")
            .UseHttpMessageHandler(new StubOwoxServer(streamBody, schemaJson))
            .Build();
}

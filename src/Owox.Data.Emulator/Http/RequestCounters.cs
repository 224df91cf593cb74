using System.Threading;

namespace Owox.Data.Emulator.Http;

/// <summary>The counts <see cref="OwoxEmulator.ExchangeCount"/> and <see cref="OwoxEmulator.DataRequestCount"/> report.</summary>
internal sealed class RequestCounters
{
    private int _exchanges;
    private int _dataRequests;

    /// <summary>Successful key exchanges.</summary>
    public int Exchanges => Volatile.Read(ref _exchanges);

    /// <summary>Requests that reached the NDJSON stream endpoints, whatever their outcome.</summary>
    public int DataRequests => Volatile.Read(ref _dataRequests);

    public void CountExchange() => Interlocked.Increment(ref _exchanges);

    public void CountDataRequest() => Interlocked.Increment(ref _dataRequests);
}

namespace Owox.Data.Emulator;

/// <summary>Which requests a <see cref="FaultRule"/> applies to.</summary>
public enum FaultTarget
{
    /// <summary>The data-mart and report NDJSON stream endpoints (the default).</summary>
    Stream,

    /// <summary><c>POST /api/auth/api-keys/exchange</c>.</summary>
    Exchange,

    /// <summary>The JSON metadata endpoints under <c>/api</c> (everything except exchange and the streams).</summary>
    Metadata,

    /// <summary>Every request under <c>/api</c>.</summary>
    Any,
}

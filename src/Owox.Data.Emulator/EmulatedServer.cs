namespace Owox.Data.Emulator;

/// <summary>Which OWOX Data Marts server the emulator behaves as (wire-protocol §10).</summary>
public enum EmulatedServer
{
    /// <summary>The 0.31 reference (as OWOX Cloud serves it): data-mart and report streams are served.</summary>
    Reference,

    /// <summary>
    /// A self-hosted 0.35.0 server without an OWOX Data Marts Cloud licence: every data-mart and report stream is refused
    /// with 400 and <c>blockedReasons: ["LICENSE_REQUIRED"]</c> (recorded as a <c>RESTRICTED</c> run), and data-mart
    /// bodies carry <c>warnings: []</c>.
    /// </summary>
    SelfHosted035,
}

using System;

namespace Owox.Data.Cli;

/// <summary>A command line that parses but cannot be run as given (exit code 2); the message says why.</summary>
internal sealed class UsageException(string message) : Exception(message);

namespace Forklift.Protocol;

/// <summary>Constants both ends check during the handshake.</summary>
internal static class ProtocolConstants
{
    /// <summary>"FLK1" little-endian: a frame that does not start with it is not ours.</summary>
    public const uint Magic = 0x314B4C46;

    /// <summary>Bumped on any incompatible change of the frames; parent and worker must match exactly.</summary>
    public const int Version = 3;

    /// <summary>The first command-line argument that makes a process a worker.</summary>
    public const string WorkerSwitch = "--forklift-worker";

    /// <summary>The exit code of an app started as a worker whose <c>Main</c> did not begin with the guard line: it stops
    /// at its first pool instead of starting workers of its own (a fork bomb).</summary>
    public const int MissingGuardExitCode = 86;

    /// <summary>How often at most a worker reports the inputs of a batch it has finished (see <see cref="MessageType.ItemsDone"/>):
    /// 100 ms costs nothing for batches of tiny inputs, and a hung input is still caught within its timeout plus this.</summary>
    public static readonly TimeSpan ItemsDoneInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a worker holds the finished results of a streamed batch before sending them (see
    /// <see cref="MessageType.ItemResults"/>): short enough that a result is seen at once, long enough that a batch of tiny
    /// inputs sends one frame per few hundred results instead of one per result.</summary>
    public static readonly TimeSpan ItemResultsDelay = TimeSpan.FromMilliseconds(2);

    /// <summary>Bytes of the fixed part of a response body: request id (8), status (1), working set (8).</summary>
    public const int ResponsePrefixSize = 17;
}

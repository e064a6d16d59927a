namespace Forklift.Protocol;

/// <summary>The type byte of a frame. Parent → worker: <see cref="Hello"/>, <see cref="Bind"/>, <see cref="Request"/>,
/// <see cref="Cancel"/>, <see cref="Shutdown"/>. Worker → parent: <see cref="Ready"/>, <see cref="StartFailed"/>,
/// <see cref="Response"/>, <see cref="Progress"/>, <see cref="ItemsDone"/>, <see cref="ItemResults"/>.</summary>
internal enum MessageType : byte
{
    /// <summary>First frame from the parent: magic, version, limits, assemblies to load.</summary>
    Hello = 1,

    /// <summary>Associates a small integer handle with a method id for the rest of the connection.</summary>
    Bind = 2,

    /// <summary>Runs one call, or a batch of calls of a map.</summary>
    Request = 3,

    /// <summary>Cancels a running request.</summary>
    Cancel = 4,

    /// <summary>Asks the worker to exit after its current call.</summary>
    Shutdown = 5,

    /// <summary>The worker loaded everything and ran its initializers.</summary>
    Ready = 64,

    /// <summary>Loading or an initializer failed; carries the error.</summary>
    StartFailed = 65,

    /// <summary>The outcome of one request.</summary>
    Response = 66,

    /// <summary>A progress report for a running request.</summary>
    Progress = 67,

    /// <summary>How many inputs of a running batch are done (request id, then the count as an int32): the parent
    /// times each input, not the whole batch. Sent at most every <see cref="ProtocolConstants.ItemsDoneInterval"/>.</summary>
    ItemsDone = 68,

    /// <summary>Results of the next inputs of a running batch sent with <see cref="RequestFlags.StreamItems"/> (request
    /// id, a varuint count, then each result prefixed by its int32 length), in input order: an unordered map yields each
    /// result as soon as its input is done, not when its whole chunk is. Sent within
    /// <see cref="ProtocolConstants.ItemResultsDelay"/> of an input finishing; also counts as <see cref="ItemsDone"/>.
    /// The batch's <see cref="Response"/> then carries only the results not streamed before it.</summary>
    ItemResults = 69,
}

/// <summary>Outcome byte of a <see cref="MessageType.Response"/>.</summary>
internal enum ResponseStatus : byte
{
    /// <summary>The call returned; the result follows.</summary>
    Ok = 0,

    /// <summary>The call threw; the item index and an error follow.</summary>
    Error = 1,

    /// <summary>The call observed its forwarded cancellation.</summary>
    Canceled = 2,
}

/// <summary>Flags of a <see cref="MessageType.Request"/>.</summary>
[Flags]
internal enum RequestFlags : byte
{
    /// <summary>A single call.</summary>
    None = 0,

    /// <summary>The payload is a batch: a count, then each call's arguments prefixed by an int32 length.</summary>
    Batch = 1,

    /// <summary>A W3C trace parent (and optional trace state) precedes the payload.</summary>
    Trace = 2,

    /// <summary>A batch whose results the worker streams in <see cref="MessageType.ItemResults"/> frames as its inputs
    /// finish (an unordered map).</summary>
    StreamItems = 4,

    /// <summary>A batch whose inputs are one block in their in-memory layout after the count (a varuint value size,
    /// then the values; see <see cref="ValueBlock"/>) instead of each prefixed by its length.</summary>
    PackedArguments = 8,

    /// <summary>A batch whose results the worker answers as one block in their in-memory layout (the count, a varuint
    /// value size, then the values) instead of each prefixed by its length. Never with <see cref="StreamItems"/>.</summary>
    PackedResults = 16,
}

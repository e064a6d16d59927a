using System.Text;
using Forklift.Buffers;
using Forklift.Transport;

namespace Forklift.Framing;

/// <summary>
/// Frames whose body outgrew <see cref="SharedMemorySegment.Threshold"/>: the whole frame (header and body) is in a
/// <see cref="SharedMemorySegment"/>, and the pipe carries only a small frame of type <see cref="Type"/> whose body is
/// a reference to the segment (see <see cref="IncomingSegments"/>). <see cref="LengthPrefixFrameReader"/> resolves it,
/// so consumers see the original frame.
/// </summary>
/// <remarks>
/// The writer's part: <see cref="EnableFor"/> makes a send buffer spill into a segment past the threshold (see
/// <see cref="PooledBufferWriter"/>), so the payload is copied once, into the segment, with no growth copies.
/// <see cref="Complete"/> then turns the buffer into what goes on the pipe; <see cref="Write"/> sends it and, if the
/// pipe is already broken, gives the segment up. <c>MaxMessageBytes</c> limits only frames that go through the pipe.
/// </remarks>
internal static class SharedMemoryFrames
{
    /// <summary>The frame type of a reference to a segment; no message type of the protocol uses it.</summary>
    public const byte Type = 0xF0;

    /// <summary>Makes <paramref name="buffer"/> spill large frames into segments between pool <paramref name="poolPid"/>
    /// and worker <paramref name="workerPid"/>; returns the segments it writes into (to dispose with the connection),
    /// or <see langword="null"/> where shared memory is not supported.</summary>
    /// <param name="buffer">The send buffer.</param>
    /// <param name="poolPid">The pool's process id.</param>
    /// <param name="workerPid">The worker's process id.</param>
    /// <param name="idleTrim">How long a large kept segment may stay unused before it gives its memory back
    /// (<see cref="OutgoingSegments.DefaultIdleTrim"/> if <see langword="null"/>).</param>
    public static OutgoingSegments? EnableFor(PooledBufferWriter buffer, int poolPid, int workerPid, TimeSpan? idleTrim = null)
    {
        if (!SharedMemorySegment.IsSupported)
        {
            return null;
        }

        var segments = new OutgoingSegments(poolPid, workerPid, idleTrim);
        buffer.EnableSpill(SharedMemorySegment.Threshold, segments.Take);
        return segments;
    }

    /// <summary>Like <see cref="FrameHeader.Complete"/>, but a spilled frame is finished in its segment, and the frame
    /// returned (in <paramref name="buffer"/>, now reset) is the reference to it.</summary>
    /// <param name="buffer">The frame, begun with <see cref="FrameHeader.Begin"/>.</param>
    /// <param name="type">The frame's message type.</param>
    /// <param name="maxPipeBodyBytes">The largest body sent through the pipe (<c>MaxMessageBytes</c>).</param>
    /// <param name="segment">The segment the returned frame names, or <see langword="null"/>. Until the frame is written,
    /// the caller owns it (see <see cref="Write"/>).</param>
    public static ReadOnlySpan<byte> Complete(PooledBufferWriter buffer, byte type, int maxPipeBodyBytes, out SharedMemorySegment? segment)
    {
        if (!buffer.IsSpilled)
        {
            segment = null;
            return FrameHeader.Complete(buffer, type, maxPipeBodyBytes);
        }

        int length = buffer.WrittenCount;
        buffer.PatchInt32(0, length - FrameHeader.Size);
        buffer.PatchByte(4, type);
        var detached = (SharedMemorySegment)buffer.DetachSpill();
        segment = detached;
        bool keep = OutgoingSegments.KeepAfter(detached, SharedMemorySegment.ControlSize + (long)length);
        FrameHeader.Begin(buffer);
        buffer.Write([keep ? (byte)1 : (byte)0]);
        buffer.Write(Encoding.UTF8.GetBytes(detached.Name));
        return FrameHeader.Complete(buffer, Type, int.MaxValue);
    }

    /// <summary>Writes a frame made by <see cref="Complete"/>; if that fails, the segment it names is given up (a
    /// one-shot one deleted: nobody will read it) before the exception propagates.</summary>
    public static void Write(Stream output, ReadOnlySpan<byte> frame, SharedMemorySegment? segment)
    {
        try
        {
            output.Write(frame);
        }
        catch when (segment is not null)
        {
            segment.Abandon();
            throw;
        }

        segment?.Sent();
    }

    /// <summary>Completes and writes in one step (see <see cref="Complete"/> and <see cref="Write"/>).</summary>
    public static void CompleteAndWrite(Stream output, PooledBufferWriter buffer, byte type, int maxPipeBodyBytes)
    {
        ReadOnlySpan<byte> frame = Complete(buffer, type, maxPipeBodyBytes, out SharedMemorySegment? segment);
        Write(output, frame, segment);
    }
}

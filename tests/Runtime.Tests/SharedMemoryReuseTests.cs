using System.IO.Pipes;
using Forklift.Buffers;
using Forklift.Framing;
using Forklift.Protocol;
using Forklift.Transport;

namespace Forklift.Runtime.Tests;

/// <summary>
/// The segment each direction keeps for large messages (see <see cref="OutgoingSegments"/>), tested at the framing
/// level with an in-process pipe: it is reused once the reader releases a message, a message that finds it still in
/// use gets a one-shot segment, it grows for a larger message and is dropped after a much smaller one, every message
/// reads back exactly, and no segment file is left.
/// </summary>
public sealed class SharedMemoryReuseTests
{
    private const int MiB = 1024 * 1024;

    // A worker pid no process of this test has: segment names carry it, so this test's files are its own.
    private static readonly int FakeWorker = 1_000_000_000 + Random.Shared.Next(100_000_000);

    [Fact]
    public void The_kept_segment_is_reused_after_release_and_bypassed_while_the_reader_holds_it()
    {
        if (!SharedMemorySegment.IsSupported)
        {
            return; // Only Linux has segments.
        }

        using var connection = new Connection();

        SharedMemorySegment first = connection.Send(Payload(2 * MiB, seed: 1));
        Assert.True(first.IsKept);
        connection.ReadExactly(Payload(2 * MiB, seed: 1));
        connection.Reader.ReleaseShared();

        SharedMemorySegment second = connection.Send(Payload(3 * MiB, seed: 2));
        Assert.Same(first, second);
        connection.ReadExactly(Payload(3 * MiB, seed: 2));

        // Still held (as a worker holds a running request's arguments): the next message must not overwrite it.
        IDisposable held = connection.Reader.TakeShared()!;
        SharedMemorySegment third = connection.Send(Payload(2 * MiB, seed: 3));
        Assert.False(third.IsKept);
        Assert.NotEqual(first.Name, third.Name);
        connection.ReadExactly(Payload(2 * MiB, seed: 3));
        connection.Reader.ReleaseShared();
        held.Dispose();

        SharedMemorySegment fourth = connection.Send(Payload(2 * MiB, seed: 4));
        Assert.Same(first, fourth);
        connection.ReadExactly(Payload(2 * MiB, seed: 4));
        connection.Reader.ReleaseShared();

        Assert.Empty(connection.Files());
    }

    [Fact]
    public void The_kept_segment_grows_for_a_larger_message_and_is_dropped_after_a_much_smaller_one()
    {
        if (!SharedMemorySegment.IsSupported)
        {
            return;
        }

        using var connection = new Connection();

        SharedMemorySegment small = connection.Send(Payload(2 * MiB, seed: 5));
        connection.ReadExactly(Payload(2 * MiB, seed: 5));
        connection.Reader.ReleaseShared();

        // Larger than the reader's mapping and than the writer's first mapping (64 MiB): both map again.
        SharedMemorySegment large = connection.Send(Payload(80 * MiB, seed: 6));
        Assert.Same(small, large);
        connection.ReadExactly(Payload(80 * MiB, seed: 6));
        connection.Reader.ReleaseShared();

        // Under a quarter of the 80 MiB it now holds: its last use, after which the writer starts a new one.
        SharedMemorySegment last = connection.Send(Payload(2 * MiB, seed: 7));
        Assert.Same(small, last);
        Assert.False(last.IsKept);
        connection.ReadExactly(Payload(2 * MiB, seed: 7));
        connection.Reader.ReleaseShared();

        SharedMemorySegment next = connection.Send(Payload(2 * MiB, seed: 8));
        Assert.True(next.IsKept);
        Assert.NotEqual(small.Name, next.Name);
        connection.ReadExactly(Payload(2 * MiB, seed: 8));
        connection.Reader.ReleaseShared();

        Assert.Empty(connection.Files());
    }

    [Fact]
    public void A_message_abandoned_while_encoding_frees_the_kept_segment_for_the_next()
    {
        if (!SharedMemorySegment.IsSupported)
        {
            return;
        }

        using var connection = new Connection();
        SharedMemorySegment first = connection.Send(Payload(2 * MiB, seed: 9));
        connection.ReadExactly(Payload(2 * MiB, seed: 9));
        connection.Reader.ReleaseShared();

        // A codec that fails after spilling: the buffer is reset, which abandons the message.
        FrameHeader.Begin(connection.Buffer);
        new PayloadWriter(connection.Buffer).WriteBytes(Payload(2 * MiB, seed: 10));
        connection.Buffer.Reset();

        SharedMemorySegment second = connection.Send(Payload(2 * MiB, seed: 11));
        Assert.Same(first, second);
        connection.ReadExactly(Payload(2 * MiB, seed: 11));
        connection.Reader.ReleaseShared();
        Assert.Empty(connection.Files());
    }

    [Fact]
    public void An_idle_large_segment_gives_its_memory_back_unless_the_reader_holds_it_and_grows_again_for_the_next_message()
    {
        if (!SharedMemorySegment.IsSupported)
        {
            return;
        }

        using var connection = new Connection(idleTrim: TimeSpan.FromMilliseconds(100));

        // Above the 16 MiB a kept segment may always hold.
        SharedMemorySegment large = connection.Send(Payload(40 * MiB, seed: 12));
        long grown = large.Capacity;
        Assert.True(grown > 40 * MiB);
        Assert.Equal(grown, large.ResidentPrefix);
        connection.ReadExactly(Payload(40 * MiB, seed: 12));

        // While the reader holds the message, nothing is given back, whatever the timer does.
        Assert.False(large.TryTrim());
        Assert.Equal(grown, large.ResidentPrefix);
        connection.Reader.ReleaseShared();

        // Released and idle: the timer punches out everything past the first MiB (the file keeps its size).
        Assert.True(SpinWait.SpinUntil(() => large.Capacity < grown, TimeSpan.FromSeconds(60)), "the idle segment was not trimmed");
        Assert.Equal(MiB, large.Capacity);
        Assert.Equal(MiB, large.ResidentPrefix);

        // The same segment carries the next large message, which the reader (whose mapping lost its pages) reads exactly.
        SharedMemorySegment again = connection.Send(Payload(40 * MiB, seed: 13));
        Assert.Same(large, again);
        Assert.Equal(grown, again.ResidentPrefix);
        connection.ReadExactly(Payload(40 * MiB, seed: 13));
        connection.Reader.ReleaseShared();
        Assert.Empty(connection.Files());
    }

    private static byte[] Payload(int size, int seed)
    {
        byte[] bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A writer and a reader joined by an anonymous pipe, as a pool and a worker are.</summary>
    private sealed class Connection : IDisposable
    {
        private readonly AnonymousPipeServerStream _server = new(PipeDirection.Out);
        private readonly AnonymousPipeClientStream _client;
        private readonly OutgoingSegments _segments;

        public Connection(TimeSpan? idleTrim = null)
        {
            _client = new AnonymousPipeClientStream(PipeDirection.In, _server.ClientSafePipeHandle);
            _segments = SharedMemoryFrames.EnableFor(Buffer, Environment.ProcessId, FakeWorker, idleTrim)!;
            Reader = new LengthPrefixFrameReader(_client, 1024, Environment.ProcessId, FakeWorker);
        }

        public PooledBufferWriter Buffer { get; } = new();

        public LengthPrefixFrameReader Reader { get; }

        /// <summary>Writes <paramref name="payload"/> as one frame; it is large, so it goes through a segment.</summary>
        public SharedMemorySegment Send(byte[] payload)
        {
            FrameHeader.Begin(Buffer);
            new PayloadWriter(Buffer).WriteBytes(payload);
            ReadOnlySpan<byte> frame = SharedMemoryFrames.Complete(Buffer, 7, 1024, out SharedMemorySegment? segment);
            Assert.NotNull(segment);
            SharedMemoryFrames.Write(_server, frame, segment);
            return segment;
        }

        public void ReadExactly(byte[] expected)
        {
            Assert.True(Reader.TryRead(out byte type, out ReadOnlyMemory<byte> body));
            Assert.Equal(7, type);
            var reader = new PayloadReader(body.Span);
            Assert.True(expected.AsSpan().SequenceEqual(reader.ReadBytesSpan()), $"a message of {expected.Length} bytes did not read back exactly");
            Assert.Equal(0, reader.Remaining);
        }

        public string[] Files() => Directory.GetFiles("/dev/shm", $"forklift-{Environment.ProcessId}-{FakeWorker}-*");

        public void Dispose()
        {
            Reader.Dispose();
            _segments.Dispose();
            Buffer.Dispose();
            _client.Dispose();
            _server.Dispose();
        }
    }
}

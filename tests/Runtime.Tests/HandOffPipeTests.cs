using System.IO.Pipes;
using Forklift.Framing;
using Forklift.Transport;

namespace Forklift.Runtime.Tests;

/// <summary>
/// The hand-off of a response pipe between a reading thread and a caller (<see cref="HandOffPipe"/>), driven directly
/// over an anonymous pipe in this process: the cases a real worker produces only by timing (two frames in one read,
/// a pipe that outlives its writer). Linux only; each wait is for a frame or an end, with a generous bound.
/// </summary>
public sealed class HandOffPipeTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly AnonymousPipeServerStream _server = new(PipeDirection.In, HandleInheritability.None);
    private readonly AnonymousPipeClientStream? _writer;
    private readonly HandOffPipe? _pipe;
    private readonly LengthPrefixFrameReader? _reader;

    public HandOffPipeTests()
    {
        if (OperatingSystem.IsLinux())
        {
            _writer = new AnonymousPipeClientStream(PipeDirection.Out, _server.ClientSafePipeHandle);
            _pipe = HandOffPipe.TryCreate(_server)!;
            _reader = new LengthPrefixFrameReader(_pipe, 1024);
        }
    }

    private Thread? _readingThread;

    public void Dispose()
    {
        // End the reading thread before its descriptors close (it must never poll or read a reused descriptor number):
        // the end of the pipe ends a read, the close ends a wait.
        _writer?.Dispose();
        _pipe?.Close(null);
        Assert.True(_readingThread?.Join(Wait) ?? true, "The reading thread did not stop.");
        _reader?.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task Bytes_a_caller_leaves_in_the_frame_buffer_are_read_by_the_reading_thread()
    {
        if (_pipe is null)
        {
            return;
        }

        ReadingThread thread = StartReadingThread();
        Assert.True(SpinUntilLead(), "The caller could not take the pipe from the waiting reading thread.");

        // Two frames in one write: the caller's one read takes both into the buffer.
        _writer!.Write([.. Frame(1), .. Frame(2)]);
        Assert.True(_reader!.TryRead(out byte type, out _));
        Assert.Equal(1, type);
        Assert.True(_reader.HasBufferedBytes);
        _pipe.HandBack(readerNeeded: true);

        Assert.Equal(2, await thread.Frames.Reader.ReadAsync().AsTask().WaitAsync(Wait));
    }

    [Fact]
    public async Task The_end_of_a_parked_pipe_is_seen_by_the_reading_thread_at_once()
    {
        if (_pipe is null)
        {
            return;
        }

        ReadingThread thread = StartReadingThread();
        Assert.True(SpinUntilLead());
        _writer!.Write(Frame(7));
        Assert.True(_reader!.TryRead(out byte type, out _));
        Assert.Equal(7, type);
        _pipe.HandBack(readerNeeded: false);

        // Nobody owns the pipe now; the writer goes away (a worker dying while idle).
        _writer.Dispose();

        Assert.Null(await thread.Ended.WaitAsync(Wait));
    }

    [Fact]
    public async Task A_request_written_to_a_parked_pipe_wakes_the_reading_thread_for_its_answer()
    {
        if (_pipe is null)
        {
            return;
        }

        ReadingThread thread = StartReadingThread();
        Assert.True(SpinUntilLead());
        _pipe.HandBack(readerNeeded: false);

        _pipe.EnsureReading();
        _writer!.Write(Frame(3));

        Assert.Equal(3, await thread.Frames.Reader.ReadAsync().AsTask().WaitAsync(Wait));
    }

    [Fact]
    public async Task A_caller_that_meets_the_end_closes_and_the_reading_thread_stops_with_its_error()
    {
        if (_pipe is null)
        {
            return;
        }

        ReadingThread thread = StartReadingThread();
        Assert.True(SpinUntilLead());
        _writer!.Write([5, 0, 0, 0, 9, 1]);
        _writer.Dispose();

        InvalidDataException truncated = Assert.Throws<InvalidDataException>(() => _reader!.TryRead(out _, out _));
        _pipe.Close(truncated);

        Assert.Same(truncated, await thread.Ended.WaitAsync(Wait));
        Assert.False(_pipe.TryLead());
    }

    [Fact]
    public async Task A_poke_ends_a_callers_read_even_while_the_pipe_has_a_writer()
    {
        if (_pipe is null)
        {
            return;
        }

        _ = StartReadingThread();
        Assert.True(SpinUntilLead());
        Task<bool> read = Task.Factory.StartNew(() => _reader!.TryRead(out _, out _), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        // The writer stays open: only the poke can end this read.
        _pipe.Poke();

        await Assert.ThrowsAsync<IOException>(() => read.WaitAsync(Wait));
    }

    private static byte[] Frame(byte type) => [0, 0, 0, 0, type];

    private ReadingThread StartReadingThread()
    {
        var thread = new ReadingThread(_pipe!, _reader!);
        _readingThread = thread.Thread;
        _readingThread.Start();
        return thread;
    }

    /// <summary>The reading thread starts in its turn (the handshake) and leaves it once it waits between frames.</summary>
    private bool SpinUntilLead()
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!_pipe!.TryLead())
        {
            if (waited.Elapsed > Wait)
            {
                return false;
            }

            Thread.Sleep(1);
        }

        return true;
    }

    /// <summary>The pool's reading loop (WorkerProcess.ReadLoop) over the pipe: each frame's type, then the end.</summary>
    private sealed class ReadingThread
    {
        public System.Threading.Channels.Channel<byte> Frames { get; } = System.Threading.Channels.Channel.CreateUnbounded<byte>();

        /// <summary>Completes with the caller's error (or null) when the loop stops.</summary>
        public Task<Exception?> Ended => _ended.Task;

        private readonly TaskCompletionSource<Exception?> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ReadingThread(HandOffPipe pipe, LengthPrefixFrameReader reader)
        {
            Thread = new Thread(() =>
            {
                try
                {
                    while (true)
                    {
                        if (!reader.HasBufferedBytes)
                        {
                            pipe.EndTurn();
                            if (!pipe.AwaitTurn())
                            {
                                _ended.TrySetResult(pipe.Error);
                                return;
                            }
                        }

                        if (!reader.TryRead(out byte type, out _))
                        {
                            _ended.TrySetResult(null);
                            return;
                        }

                        Frames.Writer.TryWrite(type);
                    }
                }
                catch (Exception e)
                {
                    _ended.TrySetResult(e);
                }
            })
            { IsBackground = true };
        }

        public Thread Thread { get; }
    }
}

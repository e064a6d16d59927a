using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A pooled object returned to its pool while work the method started still uses it (set ae R09: a cue frame returned
/// right after a fire-and-forget archive copy of it was started; the next tick rents it and overwrites it).
/// </summary>
public class ReturnedWhileInUseTests
{
    private static Task VerifyAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(source, expected);

    private static string Broadcaster(string send) => $$"""
        using System;
        using System.Buffers;
        using System.Threading.Tasks;

        public sealed class Broadcaster
        {
            private readonly Action<byte[], int> _archive;
            private readonly Action<byte[], int> _bus;

            public Broadcaster(Action<byte[], int> archive, Action<byte[], int> bus)
            {
                _archive = archive;
                _bus = bus;
            }

            public async Task SendAsync(int length)
            {
                byte[] frame = ArrayPool<byte>.Shared.Rent(length);
        {{send}}
            }
        }
        """;

    [Fact]
    public Task An_array_returned_to_its_pool_after_a_fire_and_forget_task_that_reads_it_is_reported()
        => VerifyAsync(
            Broadcaster("""
                    _ = {|#1:Task.Run(() => _archive(frame, length))|};
                    _bus(frame, length);
                    {|#0:ArrayPool<byte>.Shared.Return(frame)|};
                    await Task.Yield();
            """),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic(DiagnosticIds.SharedStateMutation).WithLocation(0).WithLocation(1)
                .WithArguments("frame", "SendAsync", "it is returned to 'ArrayPool<byte>.Shared' here while the work started at line 19 still uses it, so the pool's next taker can overwrite it under that work; return it at the end of the work, or after waiting for it"));

    /// <summary>
    /// Set am R16: the checksum task goes into a bag that another member awaits later, after this method has returned
    /// the buffer in its finally. Awaiting the bag before the return, in this method, is silent.
    /// </summary>
    [Fact]
    public async Task An_array_returned_while_a_task_kept_in_a_collection_or_field_reads_it_is_reported()
    {
        const string Source = """
            using System;
            using System.Buffers;
            using System.Collections.Concurrent;
            using System.Threading.Tasks;

            public sealed class Assembler
            {
                private readonly ConcurrentBag<Task> _hashing = new();
                private readonly ConcurrentDictionary<int, uint> _sums = new();
                private Task? _last;

                public async Task AcceptAsync(int index, int length)
                {
                    var buffer = ArrayPool<byte>.Shared.Rent(length);
                    try
                    {
                        _hashing.Add({|#1:Task.Run(() => _sums[index] = Sum(buffer, length))|});
                        await Task.Yield();
                    }
                    finally
                    {
                        {|#0:ArrayPool<byte>.Shared.Return(buffer)|};
                    }
                }

                public void Accept(int length)
                {
                    var buffer = ArrayPool<byte>.Shared.Rent(length);
                    this._last = {|#3:Task.Run(() => Sum(buffer, length))|};
                    {|#2:ArrayPool<byte>.Shared.Return(buffer)|};
                }

                public async Task AcceptAndWaitAsync(int length)
                {
                    var buffer = ArrayPool<byte>.Shared.Rent(length);
                    _hashing.Add(Task.Run(() => Sum(buffer, length)));
                    await Task.WhenAll(_hashing);
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                public Task CompleteAsync() => Task.WhenAll(_hashing);

                private static uint Sum(byte[] data, int length)
                {
                    uint sum = 0;
                    for (var i = 0; i < length; i++) sum += data[i];
                    return sum;
                }
            }
            """;
        await VerifyAsync(Source,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic(DiagnosticIds.SharedStateMutation).WithLocation(0).WithLocation(1)
                .WithArguments("buffer", "AcceptAsync", "it is returned to 'ArrayPool<byte>.Shared' here while the work started at line 17 still uses it, so the pool's next taker can overwrite it under that work; return it at the end of the work, or after waiting for it"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic(DiagnosticIds.SharedStateMutation).WithLocation(2).WithLocation(3)
                .WithArguments("buffer", "Accept", "it is returned to 'ArrayPool<byte>.Shared' here while the work started at line 29 still uses it, so the pool's next taker can overwrite it under that work; return it at the end of the work, or after waiting for it"));
    }

    [Fact]
    public Task An_array_returned_after_awaiting_the_task_is_silent()
        => VerifyAsync(Broadcaster("""
                    var archiving = Task.Run(() => _archive(frame, length));
                    _bus(frame, length);
                    await archiving;
                    ArrayPool<byte>.Shared.Return(frame);
            """));

    [Fact]
    public Task An_array_the_task_returns_itself_is_silent()
        => VerifyAsync(Broadcaster("""
                    _ = Task.Run(() =>
                    {
                        _archive(frame, length);
                        ArrayPool<byte>.Shared.Return(frame);
                    });
                    await Task.Yield();
            """));

    [Fact]
    public Task An_array_the_started_work_does_not_use_is_silent()
        => VerifyAsync(Broadcaster("""
                    _ = Task.Run(() => _archive(Array.Empty<byte>(), 0));
                    _bus(frame, length);
                    ArrayPool<byte>.Shared.Return(frame);
                    await Task.Yield();
            """));

    [Fact]
    public Task A_return_to_something_that_is_not_a_pool_is_silent()
        => VerifyAsync("""
            using System;
            using System.Threading.Tasks;

            public sealed class Library
            {
                public void Return(byte[] book) { }
            }

            public static class Desk
            {
                public static void Lend(Library library, byte[] book, Action<byte[]> read)
                {
                    _ = Task.Run(() => read(book));
                    library.Return(book);
                }
            }
            """);

    [Fact]
    public Task An_object_returned_to_an_own_pool_type_while_a_queued_work_item_uses_it_is_reported()
        => VerifyAsync("""
            using System.Collections.Concurrent;
            using System.Text;
            using System.Threading;

            public sealed class BuilderPool
            {
                private readonly ConcurrentBag<StringBuilder> _items = new();
                public StringBuilder Rent() => _items.TryTake(out var item) ? item : new StringBuilder();
                public void Return(StringBuilder builder) { builder.Clear(); _items.Add(builder); }
            }

            public sealed class Logger
            {
                private readonly BuilderPool _pool = new();

                public void Log(string message)
                {
                    var builder = _pool.Rent();
                    builder.Append(message);
                    {|#1:ThreadPool.QueueUserWorkItem(_ => System.Console.WriteLine(builder.ToString()))|};
                    {|#0:_pool.Return(builder)|};
                }
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic(DiagnosticIds.SharedStateMutation).WithLocation(0).WithLocation(1)
                .WithArguments("builder", "Log", "it is returned to '_pool' here while the work started at line 20 still uses it, so the pool's next taker can overwrite it under that work; return it at the end of the work, or after waiting for it"));

    // Set ah R14: a read with a timeout. When the delay wins, the finally returns the buffer while the abandoned read
    // still fills it; Task.WhenAny and the comparison with the winner do not wait for the read.
    private static string TimedRead(string timedOut) => $$"""
        using System;
        using System.Buffers;
        using System.Threading.Tasks;

        public sealed class MastReader
        {
            private readonly Func<byte[], int> _fill;

            public MastReader(Func<byte[], int> fill) => _fill = fill;

            public async Task<int?> TryReadAsync(TimeSpan timeout)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(64);
                try
                {
                    var fill = {|#1:Task.Run(() => _fill(buffer))|};
                    var winner = await Task.WhenAny(fill, Task.Delay(timeout));
                    if (winner != fill)
                    {
        {{timedOut}}
                    }

                    return await fill + buffer[0];
                }
                finally
                {
                    {|#0:ArrayPool<byte>.Shared.Return(buffer)|};
                }
            }
        }

        public readonly record struct Frame(byte Id, ReadOnlyMemory<byte> Payload);

        public sealed class Summary
        {
            public Summary(byte id, ReadOnlyMemory<byte> payload) => (Id, Length) = (id, payload.Length);

            public byte Id { get; }
            public int Length { get; }
        }
        """;

    [Fact]
    public Task A_buffer_returned_in_a_finally_when_a_timeout_beats_the_task_is_reported()
        => VerifyAsync(
            TimedRead("""
                            return null;
            """),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic(DiagnosticIds.SharedStateMutation).WithLocation(0).WithLocation(1)
                .WithArguments("buffer", "TryReadAsync", "it is returned to 'ArrayPool<byte>.Shared' here while the work started at line 16 still uses it, so the pool's next taker can overwrite it under that work; return it at the end of the work, or after waiting for it"));

    [Fact]
    public Task A_buffer_returned_in_a_finally_after_the_timeout_waits_for_the_task_is_silent()
        => VerifyAsync(TimedRead("""
                            await fill;
                            return null;
            """).Replace("{|#0:", string.Empty).Replace("{|#1:", string.Empty).Replace(")|}", ")"));

    /// <summary>
    /// Set an R15: the original photo handed, as a memory over the pooled array, to an archiving call whose task is
    /// discarded; the call goes on after its first await, hashing the array after the finally has returned it. Awaited,
    /// or given only a span or a value read from the array, it is silent.
    /// </summary>
    [Fact]
    public async Task An_array_returned_while_a_call_given_a_memory_over_it_goes_on_is_reported()
    {
        const string Source = """
            using System;
            using System.Buffers;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Archive
            {
                public async Task StoreAsync(ReadOnlyMemory<byte> photo, CancellationToken ct)
                {
                    await Task.Delay(10, ct);
                    _ = photo.Span[0];
                }

                public void Scrub(Span<byte> raw) => raw.Clear();
            }

            public sealed class Pipeline
            {
                private readonly Archive _archive = new();

                public async Task<int> ProcessAsync(int length, CancellationToken ct)
                {
                    byte[] buffer = ArrayPool<byte>.Shared.Rent(length);
                    try
                    {
                        _archive.Scrub(buffer.AsSpan(0, length));
                        _ = {|#1:_archive.StoreAsync(buffer.AsMemory(0, length), CancellationToken.None)|};
                        await Task.Yield();
                        return length;
                    }
                    finally
                    {
                        {|#0:ArrayPool<byte>.Shared.Return(buffer)|};
                    }
                }

                public async Task<int> AwaitedAsync(int length, CancellationToken ct)
                {
                    byte[] buffer = ArrayPool<byte>.Shared.Rent(length);
                    try
                    {
                        await _archive.StoreAsync(buffer.AsMemory(0, length), ct).ConfigureAwait(false);
                        var kept = _archive.StoreAsync(new ReadOnlyMemory<byte>(buffer), ct);
                        await kept;
                        _archive.Scrub(buffer);
                        _ = Task.FromResult(buffer.Length);
                        return length;
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }
            }
            """;
        await VerifyAsync(Source,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic(DiagnosticIds.SharedStateMutation).WithLocation(0).WithLocation(1)
                .WithArguments("buffer", "ProcessAsync", "it is returned to 'ArrayPool<byte>.Shared' here while 'StoreAsync', given it at line 27 and not waited for, can still be using it after its first await, so the pool's next taker can overwrite it under that call; return it at the end of the work, or after waiting for it"));
    }
    /// <summary>The label spooler of set av R11: the encoded buffer goes to a channel, and back to the pool in the finally.</summary>
    private static string Spooler(string queue) => $$"""
        using System;
        using System.Buffers;
        using System.Collections.Concurrent;
        using System.Threading;
        using System.Threading.Channels;
        using System.Threading.Tasks;

        public sealed class LabelSpooler
        {
            private readonly Channel<ReadOnlyMemory<byte>> _jobs = Channel.CreateUnbounded<ReadOnlyMemory<byte>>();
            private readonly BlockingCollection<byte[]> _frames = new();
            private readonly Channel<Frame> _decoded = Channel.CreateUnbounded<Frame>();
            private readonly Channel<Summary> _summaries = Channel.CreateUnbounded<Summary>();

            public async ValueTask QueueAsync(string label, CancellationToken ct)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(256);
                try
                {
                    var length = Math.Min(label.Length, buffer.Length);
                    for (var i = 0; i < length; i++) buffer[i] = (byte)label[i];
                    {{queue}}
                }
                finally
                {
                    {|#0:ArrayPool<byte>.Shared.Return(buffer)|};
                }
            }
        }

        public readonly record struct Frame(byte Id, ReadOnlyMemory<byte> Payload);

        public sealed class Summary
        {
            public Summary(byte id, ReadOnlyMemory<byte> payload) => (Id, Length) = (id, payload.Length);

            public byte Id { get; }
            public int Length { get; }
        }
        """;

    [Theory]
    [InlineData("await {|#1:_jobs.Writer.WriteAsync(buffer.AsMemory(0, length), ct)|};", "WriteAsync", "ChannelWriter")]
    [InlineData("{|#1:_jobs.Writer.TryWrite(new ReadOnlyMemory<byte>(buffer, 0, length))|};", "TryWrite", "ChannelWriter")]
    [InlineData("{|#1:_frames.Add(buffer)|};", "Add", "BlockingCollection")]
    [InlineData("await {|#1:_decoded.Writer.WriteAsync(new Frame(1, buffer.AsMemory(0, length)), ct)|};", "WriteAsync", "ChannelWriter")]
    public Task An_array_queued_for_another_thread_and_returned_to_its_pool_is_reported(string queue, string method, string queueType)
        => VerifyAsync(Spooler(queue), CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
            "buffer", "QueueAsync",
            $"it is returned to 'ArrayPool<byte>.Shared' here while '{method}' at line 22 hands it to the reader of '{queueType}', which can still be using it, so the pool's next taker can overwrite it under that reader; return it at the end of the work, or after waiting for it"));

    /// <summary>A copy goes to the queue; the pooled buffer itself stays here.</summary>
    [Fact]
    public Task A_copy_queued_before_the_return_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Spooler("_frames.Add(buffer.AsSpan(0, length).ToArray());").Replace("{|#0:", "").Replace("(buffer)|};", "(buffer);"));

    /// <summary>The queued object is made from the buffer but keeps none of it (set bg R03's frame, without its payload).</summary>
    [Fact]
    public Task An_object_that_keeps_no_view_of_the_buffer_queued_before_the_return_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Spooler("await _summaries.Writer.WriteAsync(new Summary(1, buffer.AsMemory(0, length)), ct);")
            .Replace("{|#0:", "").Replace("(buffer)|};", "(buffer);"));

    /// <summary>The reader returns what it was handed; the writer returns it only when the hand-over did not happen (set av C11, set az C30).</summary>
    [Fact]
    public Task An_array_returned_only_when_it_was_not_handed_over_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Spooler("""
            await _decoded.Writer.WriteAsync(new Frame(1, buffer.AsMemory(0, length)), ct);
                    handedOver = true;
            """).Replace("var buffer = ArrayPool<byte>.Shared.Rent(256);", "var buffer = ArrayPool<byte>.Shared.Rent(256);\n        var handedOver = false;")
                .Replace("{|#0:ArrayPool<byte>.Shared.Return(buffer)|};", "if (!handedOver) ArrayPool<byte>.Shared.Return(buffer);"));
}

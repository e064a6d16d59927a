using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// <c>Dispose</c> is not thread-safe by contract, so what it changes is not judged against the type's other members,
/// unless those members check under their lock whether the object was disposed (#9, set ar R15): then the type is
/// written to be used while it is disposed, and its disposal must take the lock too.
/// </summary>
public class DisposalBesideUseTests
{
    [Fact]
    public Task Buffer_returned_outside_the_lock_that_checks_the_disposed_flag()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Buffers;

            sealed class Recorder : IDisposable
            {
                private readonly object _sync = new object();
                private int[]? _buffer = ArrayPool<int>.Shared.Rent(64);
                private int _count;
                private volatile bool _disposed;

                public void Record(int sample)
                {
                    lock (_sync)
                    {
                        if (_disposed || _buffer is null) return;
                        _buffer[_count++ % _buffer.Length] = sample;
                    }
                }

                public void Dispose()
                {
                    if (_disposed) return;
                    _disposed = true;
                    var buffer = _buffer;
                    [|_buffer = null|];
                    if (buffer is not null) ArrayPool<int>.Shared.Return(buffer);
                }
            }
            """);

    [Fact]
    public Task Disposal_without_a_flag_checked_under_the_lock_or_under_the_lock_itself_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Collections.Generic;

            // Disposed when no one uses it any more: no member asks whether it was.
            sealed class Ledger : IDisposable
            {
                private readonly object _sync = new object();
                private readonly Dictionary<string, int> _nights = new Dictionary<string, int>();

                public void Book(string night) { lock (_sync) _nights[night] = 1; }

                public void Dispose() => _nights.Clear();
            }

            // Checks the flag under the lock, and disposes under it too.
            sealed class Recorder : IDisposable
            {
                private readonly object _sync = new object();
                private int[]? _buffer = new int[64];
                private bool _disposed;

                public void Record(int sample)
                {
                    lock (_sync)
                    {
                        if (_disposed || _buffer is null) return;
                        _buffer[0] = sample;
                    }
                }

                public void Dispose()
                {
                    lock (_sync)
                    {
                        if (_disposed) return;
                        _disposed = true;
                        _buffer = null;
                    }
                }
            }
            """);

    /// <summary>
    /// Set as R08: <c>Timer.Dispose()</c> does not wait for a callback already running, so the flush the timer started
    /// can still write the buffer out under the lock while the disposal swaps it and returns it to the pool.
    /// </summary>
    [Fact]
    public Task Buffer_returned_after_a_timer_disposed_without_waiting_for_its_flush()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(Batcher("""
            public void Append(byte frame)
            {
                lock (_lock)
                {
                    if (_length == _buffer.Length) _length = 0;
                    _buffer[_length++] = frame;
                }
            }
            """));

    /// <summary>
    /// Set as R08 as written: the buffer's reference is only read under the lock (its contents are filled and written
    /// out through spans), so no locked store shows the lock guards it; the disposal's swap of what the locked code
    /// uses does.
    /// </summary>
    [Fact]
    public Task Buffer_used_through_spans_under_the_lock_swapped_by_the_disposal()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(Batcher("""
            public void Append(ReadOnlySpan<byte> frame)
            {
                lock (_lock)
                {
                    if (frame.Length > _buffer.Length - _length) return;
                    frame.CopyTo(_buffer.AsSpan(_length));
                    _length += frame.Length;
                }
            }
            """));

    /// <summary>A batcher flushed by its own timer, whose disposal swaps the buffer out after stopping the timer.</summary>
    private static string Batcher(string append) => $$"""
        using System;
        using System.Buffers;
        using System.Threading;

        sealed class Batcher : IDisposable
        {
            private readonly object _lock = new object();
            private readonly Timer _flushTimer;
            private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1024);
            private int _length;

            public Batcher() => _flushTimer = new Timer(_ => Flush(), null, 100, 100);

            {{append}}

            public void Flush()
            {
                lock (_lock)
                {
                    Console.WriteLine(_buffer.AsSpan(0, _length).Length);
                    _length = 0;
                }
            }

            public void Dispose()
            {
                _flushTimer.Dispose();
                Flush();
                var rented = _buffer;
                [|_buffer = Array.Empty<byte>()|];
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
        """;
    /// <summary>
    /// The members null-check the writer under their lock ("returns false once the log has been closed"), and the
    /// disposal nulls and disposes it without the lock: a write in progress goes to a disposed writer (set au R15).
    /// </summary>
    [Fact]
    public Task Writer_nulled_outside_the_lock_under_which_the_members_check_it_for_null()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(DiveLog("""
                var writer = _writer;
                if (writer is null) return;
                [|_writer = null|];
                writer.Dispose();
            """));

    /// <summary>Nulled under the lock; or never null-checked by the members, so not written to be used while disposed.</summary>
    [Theory]
    [InlineData("lock (_gate) { _writer?.Dispose(); _writer = null; }", "if (_writer is null) return false;")]
    [InlineData("var writer = _writer; _writer = null; writer?.Dispose();", "")]
    public Task Writer_nulled_under_the_lock_or_never_checked_is_silent(string dispose, string check)
        => SharedStateSilence.VerifyNoRaceAsync(DiveLog(dispose, check));

    /// <summary>
    /// A reference the members read under the lock as a value (<c>return _strongRef is not null;</c>), not to skip work
    /// once it is gone, says nothing about disposal (StackExchange.Redis' <c>TimerToken</c>, whose <c>Dispose</c> drops
    /// the multiplexer it roots).
    /// </summary>
    [Fact]
    public Task Reference_read_under_the_lock_as_a_value_is_not_a_disposed_flag()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;

            sealed class Rooting : IDisposable
            {
                private readonly object _sync = new object();
                private object? _strongRef;
                private int _generation;

                public void Root(object owner)
                {
                    lock (_sync)
                    {
                        _strongRef = owner;
                        _generation++;
                    }
                }

                public bool IsRooted(out int generation)
                {
                    lock (_sync)
                    {
                        generation = _generation;
                        return _strongRef is not null;
                    }
                }

                public void Dispose() => _strongRef = null;
            }
            """);

    private static string DiveLog(string dispose, string check = "if (_writer is null) return false;") => $$"""
        using System;
        using System.IO;

        sealed class DiveLog : IDisposable
        {
            private readonly object _gate = new object();
            private StreamWriter? _writer = new StreamWriter(new MemoryStream());

            public bool Log(string line)
            {
                lock (_gate)
                {
                    {{check}}
                    _writer!.WriteLine(line);
                    return true;
                }
            }

            public void Dispose()
            {
                {{dispose}}
            }
        }
        """;
}

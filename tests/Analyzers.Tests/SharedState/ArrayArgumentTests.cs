using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// The type's own array handed to a call: a method of the compilation that stores into its elements writes it, a
/// framework method that fills a destination writes it, any other reads it (#9, set ak R16: a heartbeat timer that
/// writes the shared frame buffer without the lock the cue sender encodes into it under).
/// </summary>
public class ArrayArgumentTests
{
    private static string Connection(string heartbeat) => $$"""
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        /// <summary>One instance per stage; the cue runner and the console send through it at the same time.</summary>
        public sealed class StageConnection
        {
            private readonly Stream _stream;
            private readonly SemaphoreSlim _writeLock = new(1, 1);
            private readonly byte[] _frame = new byte[256];
            private readonly Timer _heartbeat;

            public StageConnection(Stream stream)
            {
                _stream = stream;
                _heartbeat = new Timer(SendHeartbeat, null, 1000, 1000);
            }

            public async Task SendCueAsync(byte channel, byte level, CancellationToken ct)
            {
                await _writeLock.WaitAsync(ct);
                try
                {
                    var length = Encode(channel, level, _frame);
                    await _stream.WriteAsync(_frame.AsMemory(0, length), ct);
                }
                finally
                {
                    _writeLock.Release();
                }
            }

            private void SendHeartbeat(object? state)
            {
                {{heartbeat}}
            }

            private static int Encode(byte channel, byte level, byte[] frame)
            {
                frame[0] = 0x10;
                frame[1] = channel;
                frame[2] = level;
                return 3;
            }
        }
        """;

    [Fact]
    public Task Buffer_written_by_a_timer_without_the_lock_an_encoder_writes_it_under_is_flagged()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(
            Connection("""
                {|#0:_frame[0] = 0x7F|};
                        _stream.Write(_frame, 0, 1);
                """).Replace("SendHeartbeat, null, 1000, 1000", "{|#1:SendHeartbeat|}, null, 1000, 1000"),
            CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_frame", "written", "_writeLock", "in 'SendCueAsync' (2 of 4 accesses)",
                "'SendHeartbeat' runs as the callback handed out at line 17, concurrently with the members of 'StageConnection', and 'StageConnection' is documented as shared (\"one instance\")"));

    [Fact]
    public Task Buffer_written_by_a_timer_that_takes_the_lock_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Connection("""
            _writeLock.Wait();
                    try
                    {
                        _frame[0] = 0x7F;
                        _stream.Write(_frame, 0, 1);
                    }
                    finally
                    {
                        _writeLock.Release();
                    }
            """));

    [Fact]
    public Task Heartbeat_with_a_buffer_of_its_own_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Connection("""
            var beat = new byte[] { 0x7F };
                    _stream.Write(beat, 0, 1);
            """));
}

using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A type shared by its callers whose own background loop alone changes some state: a caller that reads that state
/// only after awaiting the loop's task reads it after every change (blind set j, C27); one that reads it without
/// awaiting does not.
/// </summary>
public class JoinedCallbackTests
{
    private const string Writer = """
        using System.Collections.Generic;
        using System.Threading.Channels;
        using System.Threading.Tasks;

        /// <summary>Request handlers record entries from any thread; one background loop writes them out.</summary>
        public sealed class AuditTrail
        {
            private readonly Channel<string> _channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
            private readonly Task _loop;
            private long _written;

            public AuditTrail() => _loop = Task.Run(WriteLoopAsync);

            public bool Record(string entry) => _channel.Writer.TryWrite(entry);

            private async Task WriteLoopAsync()
            {
                await foreach (var entry in _channel.Reader.ReadAllAsync())
                {
                    WRITE;
                }
            }

            public async Task<long> CompleteAsync()
            {
                _channel.Writer.TryComplete();
                JOIN;
                return _written;
            }
        }
        """;

    [Fact]
    public Task State_read_after_awaiting_the_loop_that_alone_changes_it_is_quiet()
        => SharedStateSilence.VerifyNoRaceAsync(Writer.Replace("WRITE", "_written++").Replace("JOIN", "await _loop.ConfigureAwait(false)"));

    [Fact]
    public Task State_read_without_awaiting_the_loop_is_still_shared()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Writer.Replace("WRITE", "[|_written++|]").Replace("JOIN", "await Task.Yield()"));

    [Fact]
    public Task Awaiting_a_task_field_that_also_holds_other_work_joins_nothing()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Writer.Replace("WRITE", "[|_written++|]").Replace("JOIN", "[|_loop = Task.Delay(1)|]; await _loop").Replace("private readonly Task _loop;", "private Task _loop;"));
}

using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// Code posted to a mailbox (blind set ap, C18: an actor that owns a job board): lambdas written to a channel created
/// with <c>SingleReader = true</c>, directly or through a private helper, run one at a time on the channel's reader,
/// not on the callers' threads.
/// </summary>
public class MailboxTests
{
    private const string Actor = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Channels;
        using System.Threading.Tasks;

        /// <summary>Callers from any thread post messages to its mailbox and get replies back through tasks.</summary>
        public sealed class JobBoard
        {
            private readonly Channel<Action> _mailbox = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
            private readonly Dictionary<string, int> _hours = new();
            private readonly Task _loop;

            public JobBoard() => _loop = Task.Run(ProcessAsync);

            private async Task ProcessAsync()
            {
                await foreach (var message in _mailbox.Reader.ReadAllAsync())
                {
                    message();
                }
            }

            private Task<T> Ask<T>(Func<T> handler)
            {
                var reply = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
                _mailbox.Writer.TryWrite(() => reply.SetResult(handler()));
                return reply.Task;
            }

            public Task<bool> OpenAsync(string serial) => Ask(() => _hours.TryAdd(serial, 0));

            public Task<int> LogAsync(string serial, int hours) => Ask(() => LOG);

            public Task<List<string>> SerialsAsync() => Ask<List<string>>(() => new List<string>(_hours.Keys));

            public void Reset() => _mailbox.Writer.TryWrite(() => _hours.Clear());

            MORE
        }
        """;

    private const string Log = "_hours[serial] = _hours[serial] + hours";

    [Fact]
    public Task State_touched_only_by_posted_code_is_quiet()
        => SharedStateSilence.VerifyNoRaceAsync(Actor.Replace("LOG", Log).Replace("MORE", string.Empty));

    /// <summary>A posted call into a helper runs on the reader too.</summary>
    [Fact]
    public Task Helper_called_from_posted_code_is_quiet()
        => SharedStateSilence.VerifyNoRaceAsync(Actor.Replace("LOG", "Add(serial, hours)")
            .Replace("MORE", "private int Add(string serial, int hours) => _hours[serial] = _hours[serial] + hours;"));

    /// <summary>A member that reads the state itself runs on its caller's thread, beside the reader.</summary>
    [Fact]
    public Task Member_that_reads_the_state_directly_races_with_the_posted_code()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Actor.Replace("LOG", "{|#0:_hours[serial] = _hours[serial] + hours|}").Replace("MORE", "public int Count => _hours.Count;")
                .Replace("_hours.TryAdd(serial, 0)", "{|#1:_hours.TryAdd(serial, 0)|}").Replace("_hours.Clear()", "{|#2:_hours.Clear()|}"),
            TestReferences.Net80,
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(1).WithLocation("/0/Test0.cs", 7, 21)
                .WithArguments("_hours", "Dictionary<string, int>", "OpenAsync", Posted("OpenAsync")),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 7, 21)
                .WithArguments("_hours", "Dictionary<string, int>", "LogAsync", Posted("LogAsync")),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(2).WithLocation("/0/Test0.cs", 7, 21)
                .WithArguments("_hours", "Dictionary<string, int>", "Reset", Posted("Reset")));

    /// <summary>Without SingleReader = true, several readers may run messages at once.</summary>
    [Fact]
    public Task Channel_without_a_single_reader_runs_messages_at_once()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Actor.Replace("LOG", "[|_hours[serial] = _hours[serial] + hours|]").Replace("MORE", string.Empty)
                .Replace("new UnboundedChannelOptions { SingleReader = true }", "new UnboundedChannelOptions()")
                .Replace("_hours.TryAdd(serial, 0)", "[|_hours.TryAdd(serial, 0)|]").Replace("_hours.Clear()", "[|_hours.Clear()|]"));

    /// <summary>A helper that also runs the handler on the caller's thread does not post it.</summary>
    [Fact]
    public Task Helper_that_also_runs_the_handler_itself_does_not_post_it()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Actor.Replace("LOG", "[|_hours[serial] = _hours[serial] + hours|]").Replace("MORE", string.Empty)
                .Replace("_hours.TryAdd(serial, 0)", "[|_hours.TryAdd(serial, 0)|]").Replace("_hours.Clear()", "[|_hours.Clear()|]")
                .Replace("_mailbox.Writer.TryWrite(() => reply.SetResult(handler()));", "if (!_mailbox.Writer.TryWrite(() => reply.SetResult(handler()))) reply.SetResult(handler());"));

    private static string Posted(string member)
        => $"'{member}' is posted to '_mailbox', a channel created with SingleReader = true, and run by its one reader, which runs concurrently with the members of 'JobBoard', and 'JobBoard' is documented as shared (\"from any thread\")";
}

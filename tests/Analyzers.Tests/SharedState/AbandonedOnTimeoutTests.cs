using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A timeout that wins <c>Task.WhenAny</c> stops nothing: the call it beat goes on changing what it was given while the
/// caller's timeout branch changes it too (#9, set bc R14, a mixdown step that keeps adding to the session's log).
/// </summary>
public class AbandonedOnTimeoutTests
{
    private static string Workflow(string timeoutBranch, string stepChange = "session.Log.Add(Name + \": bounced\");") => $$"""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Session
        {
            public List<string> Log { get; } = new();
            public string Status { get; set; } = "Pending";
        }

        public interface IStep
        {
            string Name { get; }
            Task ExecuteAsync(Session session, CancellationToken ct);
        }

        public sealed class BounceStep : IStep
        {
            public string Name => "bounce";

            public async Task ExecuteAsync(Session session, CancellationToken ct)
            {
                await Task.Delay(1000, ct);
                {{stepChange}}
            }
        }

        public sealed class Workflow
        {
            public async Task<Session> RunAsync(IStep step, Session session, TimeSpan timeout, CancellationToken ct)
            {
                using var stepCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var stepTask = step.ExecuteAsync(session, stepCts.Token);
                var finished = await {|#1:Task.WhenAny(stepTask, Task.Delay(timeout, ct))|};
                if (finished != stepTask)
                {
                    {{timeoutBranch}}
                    return session;
                }

                await stepTask;
                return session;
            }
        }
        """;

    [Fact]
    public Task Log_changed_after_the_timeout_won_while_the_step_still_adds_to_it_is_flagged()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Workflow("{|#0:session.Log|}.Add(step.Name + \": timed out\");"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "session.Log", "RunAsync",
                "the timeout won 'Task.WhenAny' at line 35, but 'stepTask' still runs ('BounceStep.ExecuteAsync' changes 'Log' of the 'session' it was given) on another thread; cancel it and await it before touching 'session'"));

    [Fact]
    public Task Step_cancelled_and_awaited_before_the_log_is_changed_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Workflow("""
            stepCts.Cancel();
                        try { await stepTask; } catch (OperationCanceledException) { }
                        session.Log.Add(step.Name + ": timed out");
            """).Replace("{|#1:", "").Replace(")|};", ");"));

    [Fact]
    public Task Member_the_step_never_changes_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Workflow("session.Status = \"TimedOut\";").Replace("{|#1:", "").Replace(")|};", ");"));
}

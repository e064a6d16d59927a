using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.CollectionMutatedConcurrentlyAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A callback registered on a cancellation token runs on the thread that cancels it (a caller's <c>Cancel()</c>, a
/// timer's <c>CancelAfter</c>), beside the registering method's own code until the registration is disposed (blind set
/// l, R13: a scene that restores the devices it switched when the user overrides it, while it is still switching).
/// </summary>
public class TokenCallbackTests
{
    [Fact]
    public Task Callback_and_the_registering_method_change_the_same_list()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class ScenePlayback
            {
                private readonly List<string> _applied = new();
                private readonly CancellationTokenSource _cts = new();

                public async Task PlayAsync(IReadOnlyList<string> steps)
                {
                    var ct = _cts.Token;
                    using var registration = {|#1:ct.Register(RestoreApplied)|};
                    foreach (var step in steps)
                    {
                        await Task.Delay(10, ct).ConfigureAwait(false);
                        {|#0:_applied.Add(step)|};
                    }
                }

                public void Cancel() => _cts.Cancel();

                private void RestoreApplied() => {|#2:_applied.Clear()|};
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("_applied", "List<string>", "PlayAsync", "'PlayAsync' runs on several threads (started at line 13)"),
            Verify.Diagnostic().WithLocation(2).WithLocation(1).WithArguments("_applied", "List<string>", "RestoreApplied", "'RestoreApplied' runs on several threads (started at line 13)"));

    [Fact]
    public Task Code_after_the_registration_is_disposed_is_not_beside_the_callback()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Downloader
            {
                private readonly List<string> _log = new();

                public async Task RunAsync(CancellationToken ct)
                {
                    using (ct.Register(() => System.Console.WriteLine("cancelled")))
                    {
                        await Task.Delay(10, ct).ConfigureAwait(false);
                    }

                    _log.Add("done");
                }

                public async Task<int> WaitAsync(CancellationToken ct)
                {
                    var tcs = new TaskCompletionSource<int>();
                    using var registration = ct.Register(() => tcs.TrySetCanceled());
                    _log.Add("waiting");
                    return await tcs.Task.ConfigureAwait(false);
                }
            }
            """);
}

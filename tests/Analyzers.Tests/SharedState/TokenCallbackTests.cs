using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.CollectionMutatedConcurrentlyAnalyzer>;
using VerifyGuard = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.InconsistentSynchronizationAnalyzer>;

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

    /// <summary>
    /// Registering a callback is not starting the object's work: what the method did before it under its lock still
    /// counts towards the guard (Npgsql's <c>ResettableCancellationTokenSource</c>, whose report lost <c>Start</c>'s
    /// locked accesses when the registration was first taken for a start).
    /// </summary>
    [Fact]
    public Task Accesses_before_a_registration_still_count_towards_the_guard()
        => VerifyGuard.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Resettable
            {
                readonly object lockObject = new();
                CancellationTokenSource _cts = new();
                CancellationTokenRegistration? _registration;

                public CancellationToken Start(CancellationToken cancellationToken = default)
                {
                    lock (lockObject)
                    {
                        _cts.CancelAfter(1000);
                        if (_cts.IsCancellationRequested)
                        {
                            _cts.Dispose();
                            _cts = new CancellationTokenSource(1000);
                        }
                    }

                    if (cancellationToken.CanBeCanceled)
                        _registration = cancellationToken.Register(cts => ((CancellationTokenSource)cts!).Cancel(), _cts);
                    return _cts.Token;
                }

                public void Restart()
                {
                    lock (lockObject) { _cts.CancelAfter(1000); }
                }

                public void ResetCts()
                {
                    if (_cts.IsCancellationRequested)
                    {
                        _cts.Dispose();
                        {|#0:_cts = new CancellationTokenSource()|};
                    }
                }
            }
            """,
            VerifyGuard.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 3, 21).WithArguments("_cts", "written", "lockObject", "in 'Start' (5 of 10 accesses)",
                "'ResetCts' may run on several threads at once: 'Resettable' synchronizes its own state ('Start' locks 'lockObject')"));
}

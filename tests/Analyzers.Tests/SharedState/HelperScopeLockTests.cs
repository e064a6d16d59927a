using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A lock taken through a helper object's scope (DynamicData's <c>ObservableCache</c>, a false FL1003 on real code):
/// the cache builds its <c>DeliveryQueue</c> with its own <c>_locker</c>, and <c>using var notifications =
/// _notifications.AcquireLock();</c> returns a scope whose constructor enters the queue's gate, the field the queue's
/// constructor set from that argument. Inside the <c>using</c>, <c>_locker</c> is held, as it is in the cache's
/// <c>lock (_locker)</c> blocks.
/// </summary>
public class HelperScopeLockTests
{
    private static string Cache(string creation = "new DeliveryQueue<long>(_locker)", string enter = "owner.EnterLock();", string edit = """
                using var notifications = _notifications.AcquireLock();
                {|#1:_count++|};
                {|#0:++_currentVersion|};
        """) => $$"""
        using System.Threading;

        internal sealed class DeliveryQueue<T>
        {
            private readonly object _gate;

            public DeliveryQueue() => _gate = new object();

            public DeliveryQueue(object gate) => _gate = gate;

            public ScopedAccess AcquireLock() => new(this);

            private void EnterLock() => Monitor.Enter(_gate);

            private void ExitLock() => Monitor.Exit(_gate);

            public ref struct ScopedAccess
            {
                private DeliveryQueue<T>? _owner;

                internal ScopedAccess(DeliveryQueue<T> owner)
                {
                    _owner = owner;
                    {{enter}}
                }

                public void Dispose()
                {
                    var owner = _owner;
                    if (owner is null)
                    {
                        return;
                    }

                    _owner = null;
                    owner.ExitLock();
                }
            }
        }

        public sealed class VersionedCache
        {
            private readonly object _locker = new();
            private readonly DeliveryQueue<long> _notifications;
            private long _currentVersion;
            private int _count;

            public VersionedCache() => _notifications = {{creation}};

            public void Edit()
            {
        {{edit}}
            }

            public long Connect()
            {
                lock (_locker)
                {
                    return _currentVersion + _count;
                }
            }

            public void Reset()
            {
                lock (_locker)
                {
                    _currentVersion = 0;
                }
            }
        }
        """;

    /// <summary>Reported as written without '_locker': '_currentVersion' at #0, and '_count' at #1 when it is marked.</summary>
    private static Task ReportedAsync(string source)
    {
        const string Concurrency = "'Edit' may run on several threads at once: 'VersionedCache' synchronizes its own state ('Connect' locks '_locker')";
        var expected = new List<DiagnosticResult>
        {
            CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 41, 21)
                .WithArguments("_currentVersion", "written", "_locker", "in 'Connect' (2 of 3 accesses)", Concurrency),
        };
        if (source.Contains("{|#1:"))
        {
            expected.Add(CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(1).WithLocation("/0/Test0.cs", 41, 21)
                .WithArguments("_count", "written", "_locker", "in 'Connect' (1 of 2 accesses)", Concurrency));
        }

        return CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(source, TestReferences.Net80, [.. expected]);
    }

    [Fact]
    public Task A_write_inside_the_helpers_scope_of_the_types_own_lock_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Cache().Replace("{|#1:", "").Replace("{|#0:", "").Replace("|}", ""));

    [Fact]
    public Task A_helper_built_with_its_own_gate_holds_another_lock()
        => ReportedAsync(Cache(creation: "new DeliveryQueue<long>()"));

    [Fact]
    public Task A_scope_that_enters_no_gate_holds_nothing()
        => ReportedAsync(Cache(enter: ""));

    [Fact]
    public Task A_write_after_the_scope_ends_holds_nothing()
        => ReportedAsync(Cache(edit: """
                using (_notifications.AcquireLock())
                {
                    _count++;
                }

                {|#0:++_currentVersion|};
        """));
}

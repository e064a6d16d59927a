using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers.Locks;

/// <summary>FL2002: a lock that does not re-enter is acquired again on a path that already holds it.</summary>
/// <remarks>
/// <c>lock</c>, <c>Monitor</c>, <c>System.Threading.Lock</c> and <c>Mutex</c> count re-entries, so taking them twice on
/// one thread works. A <c>SemaphoreSlim</c> with one permit waits for itself forever; a <c>ReaderWriterLockSlim</c>
/// created without <c>LockRecursionPolicy.SupportsRecursion</c> (the default) throws <c>LockRecursionException</c>,
/// including for a read lock taken inside its own write lock; a <c>SpinLock</c> throws with owner tracking and spins
/// forever without it. This is Python's <c>Lock</c> against <c>RLock</c>. The second acquisition is found in the same
/// method (reported as it is analyzed) or in a method called while the lock is held, up to
/// <see cref="LockCallGraph.MaxCallDepth"/> calls deep, async methods included (reported at the call, at the end of
/// the compilation). A semaphore or reader-writer lock whose creation the rule cannot read is left alone.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NonReentrantLockReentryAnalyzer : DiagnosticAnalyzer
{
    private const string Title = "Do not re-acquire a lock that is not reentrant";
    private const string Description = "A SemaphoreSlim used as a lock, a ReaderWriterLockSlim without SupportsRecursion and a SpinLock cannot be taken again by the code that holds them: the second acquire deadlocks or throws LockRecursionException. Split the method into a public one that takes the lock and a private one that assumes it is held, or release before calling.";

    internal static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.NonReentrantLockReentry,
        Title,
        messageFormat: "'{0}' is acquired again while this path already holds it: {1}",
        DiagnosticCategories.Locking,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: HelpLinks.For(DiagnosticIds.NonReentrantLockReentry));

    /// <summary>The same finding through a call; found by composing summaries at the end of the compilation.</summary>
    internal static readonly DiagnosticDescriptor ThroughCallRule = new(
        DiagnosticIds.NonReentrantLockReentry,
        Title,
        messageFormat: "'{0}' is held here and '{1}' acquires it again: {2}",
        DiagnosticCategories.Locking,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: HelpLinks.For(DiagnosticIds.NonReentrantLockReentry),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule, ThroughCallRule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (ReferenceOnlyCompile.SkipsBodies(start.Options))
            {
                return; // no code is emitted, so no body can race (see ReferenceOnlyCompile)
            }

            var all = new ConcurrentBag<LockSummary>();
            LockSummaries.Register(start, (file, modelContext) =>
            {
                foreach (var summary in file)
                {
                    all.Add(summary);
                    foreach (var (taken, held) in summary.Acquisitions)
                    {
                        if (FirstConflict(held, taken) is { } holder)
                        {
                            modelContext.ReportDiagnostic(Diagnostic.Create(Rule, taken.Location, [holder.Location], taken.Name, Consequence(holder)));
                        }
                    }
                }
            });

            start.RegisterCompilationEndAction(end =>
            {
                var graph = new LockCallGraph(all);
                foreach (var summary in all)
                {
                    foreach (var site in summary.Calls)
                    {
                        if (site.Held.IsEmpty)
                        {
                            continue;
                        }

                        foreach (var taken in graph.TakenBy(site, end.CancellationToken))
                        {
                            // A task the caller does not wait for parks at an awaited wait until the holder releases.
                            if (!site.Joined && taken.IsAsync)
                            {
                                continue;
                            }

                            if (FirstConflict(site.Held, taken) is { } holder)
                            {
                                end.ReportDiagnostic(Diagnostic.Create(
                                    ThroughCallRule, site.Location, [holder.Location, taken.Location], holder.Name, CallSite.DisplayName(site.Callee), Consequence(holder)));
                                break;
                            }
                        }
                    }
                }
            });
        });
    }

    /// <summary>The held acquisition of the same lock that <paramref name="taken"/> cannot re-enter, if any.</summary>
    private static Acquisition? FirstConflict(ImmutableArray<Acquisition> held, Acquisition taken)
    {
        foreach (var holder in held)
        {
            if (holder.Key.Equals(taken.Key) && holder.ConflictsWithReentry(taken))
            {
                return holder;
            }
        }

        return null;
    }

    private static string Consequence(Acquisition holder) => holder.Reentrancy switch
    {
        Reentrancy.SinglePermitSemaphore => "a SemaphoreSlim with one permit does not re-enter, so the second wait blocks forever",
        Reentrancy.NoRecursionReaderWriterLock => "this ReaderWriterLockSlim does not support recursion, so the second enter throws LockRecursionException",
        _ => "a SpinLock does not re-enter: with owner tracking the second enter throws LockRecursionException, without it the thread spins forever",
    };
}

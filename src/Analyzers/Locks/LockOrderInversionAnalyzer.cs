using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers.Locks;

/// <summary>FL2004: two locks are taken in opposite orders on paths that can run at the same time.</summary>
/// <remarks>
/// Thread 1 holds A and waits for B while thread 2 holds B and waits for A: both wait forever. Every acquisition is
/// recorded with the locks held when it happens, in the method itself or through a method it calls while holding one
/// (up to <see cref="LockCallGraph.MaxCallDepth"/> calls deep), as an ordered pair "held, then taken" (Infer's
/// starvation domain). At the end of the compilation a pair taken in both orders is reported once, at the first place
/// (by file and position) that takes the second lock, with the other order's places as additional locations. A pair
/// is not reported when both orders happen under a common third lock (only one thread can be in either), when the
/// inner acquisition is a timed try (it gives up instead of waiting), or inside constructors (the object is not
/// shared yet). Locks compare by field or property: <c>this._a</c> in one method is <c>this._a</c> in another.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LockOrderInversionAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.LockOrderInversion,
        title: "Take locks in one consistent order",
        messageFormat: "'{0}' is taken while holding '{1}' here{2}, but '{1}' is taken while holding '{0}' in '{3}'{4}: two threads taking them in opposite orders deadlock; take '{1}' and '{0}' in the same order everywhere",
        DiagnosticCategories.Locking,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "When one path takes lock A then lock B and another takes B then A, two threads can each hold one and wait for the other forever. Choose one order for every pair of locks and follow it everywhere, including in the methods called while a lock is held.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.LockOrderInversion),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>
    /// The same inversion within one method: two locks reached through two parameters of the same type, nested in
    /// argument order (<c>lock (from._sync) lock (to._sync)</c>). A second call with the arguments swapped takes them
    /// in the opposite order (the textbook transfer deadlock). Not reported when the method also nests them the other
    /// way round, which is how code that orders them (by an id, say) looks.
    /// </summary>
    internal static readonly DiagnosticDescriptor SwappedArgumentsRule = new(
        DiagnosticIds.LockOrderInversion,
        title: "Take locks in one consistent order",
        messageFormat: "'{0}' is taken while holding '{1}', but a call with '{2}' and '{3}' swapped takes them in the opposite order: two such calls at the same time deadlock; take the two locks in a fixed order (for example by a unique id)",
        DiagnosticCategories.Locking,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A method that locks two objects reached through its parameters, in the order of its arguments, deadlocks when two threads call it with the arguments swapped. Order the two locks by something both calls agree on.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.LockOrderInversion),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule, SwappedArgumentsRule);

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
            LockSummaries.Register(start, (file, _) =>
            {
                foreach (var summary in file)
                {
                    all.Add(summary);
                }
            });

            start.RegisterCompilationEndAction(end => Report(end, all));
        });
    }

    private static void Report(CompilationAnalysisContext end, ConcurrentBag<LockSummary> all)
    {
        var graph = new LockCallGraph(all);
        var edges = new Dictionary<(ISymbol Outer, ISymbol Inner), List<Witness>>(PairComparer.Instance);
        foreach (var summary in all.OrderBy(s => s.Method.Locations.FirstOrDefault()?.SourceTree?.FilePath, StringComparer.Ordinal)
                                   .ThenBy(s => s.Method.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0))
        {
            if (summary.Method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor)
            {
                continue;
            }

            foreach (var (taken, held) in summary.Acquisitions)
            {
                AddEdges(edges, summary.Method, held, taken, taken.Location, via: null);
            }

            ReportSwappedArguments(end, summary);

            foreach (var site in summary.Calls)
            {
                if (site.Held.IsEmpty)
                {
                    continue;
                }

                foreach (var taken in graph.TakenBy(site, end.CancellationToken))
                {
                    AddEdges(edges, summary.Method, site.Held, taken, site.Location, site.Callee);
                }
            }
        }

        var reported = new HashSet<(ISymbol, ISymbol)>(PairComparer.Instance);
        var ordered = edges.SelectMany(edge => edge.Value.Select(witness => (edge.Key, Witness: witness)))
            .OrderBy(item => item.Witness.At.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(item => item.Witness.At.SourceSpan.Start);
        foreach (var ((outer, inner), witness) in ordered)
        {
            if (reported.Contains((outer, inner)) || !edges.TryGetValue((inner, outer), out var reverse))
            {
                continue;
            }

            // Both orders under a common third lock cannot run at the same time.
            if (reverse.FirstOrDefault(other => !other.Guards.Overlaps(witness.Guards)) is not { } opposite)
            {
                continue;
            }

            reported.Add((outer, inner));
            reported.Add((inner, outer));
            end.ReportDiagnostic(Diagnostic.Create(
                Rule,
                witness.At,
                [witness.Outer.Location, opposite.Outer.Location, opposite.At],
                witness.Inner.Name,
                witness.Outer.Name,
                Through(witness.Via),
                CallSite.DisplayName(opposite.Method),
                Through(opposite.Via)));
        }
    }

    private static void ReportSwappedArguments(CompilationAnalysisContext end, LockSummary summary)
    {
        foreach (var (taken, held) in summary.Acquisitions)
        {
            foreach (var outer in held)
            {
                if (IsParameterPair(outer, taken, out var first, out var second)
                    && !summary.Acquisitions.Any(other => other.Held.Any(h => IsParameterPair(h, other.Taken, out var p, out var q)
                                                                              && SymbolEqualityComparer.Default.Equals(p, second)
                                                                              && SymbolEqualityComparer.Default.Equals(q, first))))
                {
                    end.ReportDiagnostic(Diagnostic.Create(SwappedArgumentsRule, taken.Location, [outer.Location], taken.Name, outer.Name, first.Name, second.Name));
                }
            }
        }
    }

    /// <summary>Whether <paramref name="outer"/> and <paramref name="inner"/> are the same blocking lock of two parameters of one type.</summary>
    private static bool IsParameterPair(Acquisition outer, Acquisition inner, out IParameterSymbol first, out IParameterSymbol second)
    {
        first = outer.Key.RootParameter!;
        second = inner.Key.RootParameter!;
        return first is not null && second is not null && !SymbolEqualityComparer.Default.Equals(first, second)
               && SymbolEqualityComparer.Default.Equals(first.Type, second.Type)
               && outer.Key.SameChainBelowRoot(inner.Key)
               && outer.Blocks && inner.Blocks
               && outer.Mode is LockMode.Monitor or LockMode.Lock or LockMode.Write && inner.Mode == outer.Mode;
    }

    private static string Through(IMethodSymbol? via) => via is null ? string.Empty : $" (through '{CallSite.DisplayName(via)}')";

    private static void AddEdges(
        Dictionary<(ISymbol Outer, ISymbol Inner), List<Witness>> edges, IMethodSymbol method, ImmutableArray<Acquisition> held, Acquisition taken, Location at, IMethodSymbol? via)
    {
        if (!taken.TakesPartInLockOrder || taken.Key.Symbol is not { } inner)
        {
            return;
        }

        foreach (var outer in held)
        {
            if (!outer.TakesPartInLockOrder || outer.Key.Symbol is not { } outerSymbol || SymbolEqualityComparer.Default.Equals(outerSymbol, inner))
            {
                continue;
            }

            var guards = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var other in held)
            {
                if (other != outer && other.Key.Symbol is { } guard && other.Key.IsShared)
                {
                    guards.Add(guard);
                }
            }

            if (!edges.TryGetValue((outerSymbol, inner), out var list))
            {
                edges.Add((outerSymbol, inner), list = new List<Witness>());
            }

            list.Add(new Witness(method, outer, taken, at, via, guards));
        }
    }

    /// <summary>One place where <see cref="Inner"/> is taken while <see cref="Outer"/> is held.</summary>
    private sealed class Witness
    {
        public Witness(IMethodSymbol method, Acquisition outer, Acquisition inner, Location at, IMethodSymbol? via, HashSet<ISymbol> guards)
        {
            Method = method;
            Outer = outer;
            Inner = inner;
            At = at;
            Via = via;
            Guards = guards;
        }

        public IMethodSymbol Method { get; }

        public Acquisition Outer { get; }

        public Acquisition Inner { get; }

        /// <summary>The inner acquisition, or the call through which it happens.</summary>
        public Location At { get; }

        public IMethodSymbol? Via { get; }

        /// <summary>The other shared locks held at the same time.</summary>
        public HashSet<ISymbol> Guards { get; }
    }

    private sealed class PairComparer : IEqualityComparer<(ISymbol, ISymbol)>
    {
        public static readonly PairComparer Instance = new();

        public bool Equals((ISymbol, ISymbol) x, (ISymbol, ISymbol) y)
            => SymbolEqualityComparer.Default.Equals(x.Item1, y.Item1) && SymbolEqualityComparer.Default.Equals(x.Item2, y.Item2);

        public int GetHashCode((ISymbol, ISymbol) pair)
            => (SymbolEqualityComparer.Default.GetHashCode(pair.Item1) * 397) ^ SymbolEqualityComparer.Default.GetHashCode(pair.Item2);
    }
}

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
/// shared yet). Cycles of three or four locks with no inverted pair are reported the same way, once per cycle. Locks compare by field or property: <c>this._a</c> in one method is <c>this._a</c> in another.
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

    /// <summary>
    /// Three or four locks taken in a cycle (A then B, B then C, C then A) with no pair taken in both orders: three
    /// threads, each on one of those paths, can each hold one lock and wait for the next forever.
    /// </summary>
    internal static readonly DiagnosticDescriptor CycleRule = new(
        DiagnosticIds.LockOrderInversion,
        title: "Take locks in one consistent order",
        messageFormat: "'{0}' is taken while holding '{1}' here, and {2} locks are taken in a cycle: {3}: threads on those paths can each hold one and wait for the next forever; take them in one order everywhere",
        DiagnosticCategories.Locking,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "When locks are taken in a cycle (A then B on one path, B then C on another, C then A on a third), one thread per path can each hold one lock and wait for the next forever. Choose one order for all of them and follow it everywhere.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.LockOrderInversion),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>The longest cycle looked for: four locks.</summary>
    private const int MaxCycleLength = 4;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule, SwappedArgumentsRule, CycleRule);

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
        var ordered = PlacedWitness.InOrder(edges);
        foreach (var (outer, inner, witness) in ordered)
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

        ReportCycles(end, edges, ordered, reported);
    }

    /// <summary>
    /// Cycles of three or four locks among the pairs not already reported as inversions, each reported once (at the
    /// first place, by file and position, that takes one of its locks) with the other places as additional locations.
    /// The witnesses chosen for a cycle share no common guard lock, which would let only one thread into the cycle.
    /// </summary>
    private static void ReportCycles(
        CompilationAnalysisContext end, Dictionary<(ISymbol Outer, ISymbol Inner), List<Witness>> edges, List<PlacedWitness> inOrder, HashSet<(ISymbol, ISymbol)> inverted)
    {
        var next = new Dictionary<ISymbol, List<ISymbol>>(SymbolEqualityComparer.Default);
        foreach (var (outer, inner) in edges.Keys)
        {
            if (inverted.Contains((outer, inner)))
            {
                continue;
            }

            if (!next.TryGetValue(outer, out var list))
            {
                next.Add(outer, list = new List<ISymbol>());
            }

            list.Add(inner);
        }

        var reportedCycles = new HashSet<string>(StringComparer.Ordinal);
        var seenEdges = new HashSet<(ISymbol, ISymbol)>(PairComparer.Instance);
        foreach (var (first, second, _) in inOrder)
        {
            end.CancellationToken.ThrowIfCancellationRequested();
            if (!seenEdges.Add((first, second)) || inverted.Contains((first, second)))
            {
                continue;
            }

            var path = new List<ISymbol> { first, second };
            if (FindCycle(path, next) && Witnesses(path, edges) is { } witnesses
                && reportedCycles.Add(string.Join("|", path.Select(symbol => symbol.ToDisplayString()).OrderBy(name => name, StringComparer.Ordinal))))
            {
                var steps = string.Join(", ", witnesses.Select(w => $"'{w.Inner.Name}' while holding '{w.Outer.Name}' in '{CallSite.DisplayName(w.Method)}'{Through(w.Via)}"));
                var here = witnesses[0];
                end.ReportDiagnostic(Diagnostic.Create(
                    CycleRule,
                    here.At,
                    witnesses.Skip(1).Select(w => w.At).Prepend(here.Outer.Location),
                    here.Inner.Name,
                    here.Outer.Name,
                    witnesses.Count == 3 ? "three" : "four",
                    steps));
            }
        }
    }

    /// <summary>Extends <paramref name="path"/> (two locks, an edge) along <paramref name="next"/> back to its first lock, depth first.</summary>
    private static bool FindCycle(List<ISymbol> path, Dictionary<ISymbol, List<ISymbol>> next)
    {
        if (!next.TryGetValue(path[path.Count - 1], out var candidates))
        {
            return false;
        }

        foreach (var candidate in candidates)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate, path[0]))
            {
                if (path.Count >= 3)
                {
                    return true;
                }

                continue; // a two-lock cycle is an inversion, reported (or ruled out) above
            }

            if (path.Count < MaxCycleLength && !path.Contains(candidate, SymbolEqualityComparer.Default))
            {
                path.Add(candidate);
                if (FindCycle(path, next))
                {
                    return true;
                }

                path.RemoveAt(path.Count - 1);
            }
        }

        return false;
    }

    /// <summary>One witness per edge of the cycle, with no lock that guards every one of them; null when every choice shares one.</summary>
    private static List<Witness>? Witnesses(List<ISymbol> cycle, Dictionary<(ISymbol Outer, ISymbol Inner), List<Witness>> edges)
    {
        var chosen = new List<Witness>();
        HashSet<ISymbol>? common = null;
        for (var i = 0; i < cycle.Count; i++)
        {
            var options = edges[(cycle[i], cycle[(i + 1) % cycle.Count])];

            // Prefer a witness that does not keep a guard shared by the ones chosen so far.
            var pick = common is null ? options[0] : options.FirstOrDefault(w => !w.Guards.Overlaps(common)) ?? options[0];
            chosen.Add(pick);
            if (common is null)
            {
                common = new HashSet<ISymbol>(pick.Guards, SymbolEqualityComparer.Default);
            }
            else
            {
                common.IntersectWith(pick.Guards);
            }
        }

        return common is { Count: 0 } ? chosen : null;
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

        // Entering a reentrant lock the thread already holds (a helper that takes 'StaticGate' again, called while
        // 'StaticGate' and then 'Gate' are held) waits for nothing: it orders nothing after the locks held since.
        if (taken.Mode is LockMode.Monitor or LockMode.Lock && taken.Key.IsShared
            && held.Any(h => h.Mode == taken.Mode && h.Key.Equals(taken.Key)))
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

    /// <summary>One witness of an edge, with the edge's locks, in the order the edges are reported and their cycles sought.</summary>
    /// <remarks>
    /// A class sorted by <see cref="List{T}.Sort(Comparison{T})"/>, not a LINQ ordering of tuples: every generic method
    /// instantiated over a tuple is JIT-compiled in each new compiler process (a tenth of a second of them per NLog compile).
    /// </remarks>
    private sealed class PlacedWitness
    {
        private PlacedWitness(ISymbol outer, ISymbol inner, Witness witness, int order)
        {
            Outer = outer;
            Inner = inner;
            Witness = witness;
            Order = order;
        }

        public ISymbol Outer { get; }

        public ISymbol Inner { get; }

        public Witness Witness { get; }

        /// <summary>The position among the edges' witnesses as the dictionary lists them: keeps the sort stable.</summary>
        private int Order { get; }

        public void Deconstruct(out ISymbol outer, out ISymbol inner, out Witness witness)
            => (outer, inner, witness) = (Outer, Inner, Witness);

        /// <summary>Every witness of <paramref name="edges"/>, by file, then position, then the order they were found.</summary>
        public static List<PlacedWitness> InOrder(Dictionary<(ISymbol Outer, ISymbol Inner), List<Witness>> edges)
        {
            var placed = new List<PlacedWitness>();
            foreach (var edge in edges)
            {
                foreach (var witness in edge.Value)
                {
                    placed.Add(new PlacedWitness(edge.Key.Outer, edge.Key.Inner, witness, placed.Count));
                }
            }

            placed.Sort(static (a, b) =>
            {
                var byFile = string.CompareOrdinal(a.Witness.At.SourceTree?.FilePath, b.Witness.At.SourceTree?.FilePath);
                if (byFile != 0)
                {
                    return byFile;
                }

                var byPosition = a.Witness.At.SourceSpan.Start.CompareTo(b.Witness.At.SourceSpan.Start);
                return byPosition != 0 ? byPosition : a.Order.CompareTo(b.Order);
            });
            return placed;
        }
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

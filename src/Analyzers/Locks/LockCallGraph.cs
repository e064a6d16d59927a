using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Forklift.Analyzers.Locks;

/// <summary>
/// The lock summaries of a whole compilation, keyed by method, and what a call takes through the methods it reaches:
/// the composition step of FL2002 and FL2004, run at the end of the compilation.
/// </summary>
internal sealed class LockCallGraph
{
    /// <summary>
    /// How many calls deep a call site is followed to find the locks it takes: a helper, its helper, and one more.
    /// Only summarized methods (those that take a lock themselves) are followed.
    /// </summary>
    internal const int MaxCallDepth = 3;

    private readonly Dictionary<IMethodSymbol, List<LockSummary>> _byMethod = new(SymbolEqualityComparer.Default);

    public LockCallGraph(IEnumerable<LockSummary> summaries)
    {
        foreach (var summary in summaries)
        {
            var key = summary.Method.OriginalDefinition;
            if (!_byMethod.TryGetValue(key, out var list))
            {
                _byMethod.Add(key, list = new List<LockSummary>());
            }

            list.Add(summary);
        }
    }

    /// <summary>
    /// The acquisitions a call to <paramref name="site"/>'s callee performs, itself or through the methods it calls,
    /// limited to locks that are the caller's locks too: static ones, and <c>this</c> members while every call on the
    /// way runs on the same <c>this</c>. An acquisition the callee skips for a constant flag the call passes
    /// (<c>Compact(alreadyLocked: true)</c>) is not taken.
    /// </summary>
    public List<Acquisition> TakenBy(CallSite site, CancellationToken cancellationToken)
    {
        var found = new List<Acquisition>();
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        Visit(site.Callee, site.OnThis, site.ConstantFlags, MaxCallDepth, found, seen, cancellationToken);
        return found;
    }

    private void Visit(IMethodSymbol method, bool onThis, ImmutableArray<(int Ordinal, bool Value)> constantFlags, int depth, List<Acquisition> found, HashSet<IMethodSymbol> seen, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (depth == 0 || !seen.Add(method) || !_byMethod.TryGetValue(method, out var summaries))
        {
            return;
        }

        foreach (var summary in summaries)
        {
            foreach (var (taken, _) in summary.Acquisitions)
            {
                if (taken.Key.IsShared && (onThis || IsStatic(taken.Key)) && !CallSite.Skips(constantFlags, taken))
                {
                    found.Add(taken);
                }
            }

            foreach (var call in summary.Calls)
            {
                Visit(call.Callee, onThis && call.OnThis, call.FlagsFor(constantFlags), depth - 1, found, seen, cancellationToken);
            }
        }
    }

    private static bool IsStatic(LockKey key) => key.Symbol is { IsStatic: true };
}

using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Forklift.Analyzers.SharedState;

/// <summary>A race found by the model, reported by the analyzer that owns <see cref="Id"/>.</summary>
internal sealed class RaceFinding
{
    public RaceFinding(string id, Location location, Location start, ImmutableDictionary<string, string?> properties, object[] arguments)
    {
        Id = id;
        Location = location;
        Start = start;
        Properties = properties;
        Arguments = arguments;
    }

    public string Id { get; }
    public Location Location { get; }
    public Location Start { get; }
    public ImmutableDictionary<string, string?> Properties { get; }
    public object[] Arguments { get; }
}

/// <summary>
/// The concurrency facts of one compilation: which code runs on several threads, what shared state it touches, and
/// which of those accesses race. Computed once, on first use, and shared by FL1001–FL1003.
/// </summary>
/// <remarks>
/// Races span methods and files (a thread body in one file calls <c>Deposit</c> in another), so the facts are
/// compilation-wide. They are computed lazily and then reported per syntax tree from a semantic-model action, rather
/// than from a CompilationEnd action, so the diagnostics show live in the IDE. The scan binds only syntax nodes that
/// can start threads (a name check comes first) and the methods reachable from them.
/// </remarks>
internal sealed class ConcurrencyModel
{
    public const string StateNameProperty = "StateName";
    public const string StateKindProperty = "StateKind";
    public const string LockNameProperty = "LockName";

    private static readonly ConditionalWeakTable<Compilation, Lazy<ConcurrencyModel>> Models = new();

    private readonly Dictionary<SyntaxTree, List<RaceFinding>> _findings = new();

    private ConcurrencyModel()
    {
    }

    public static ConcurrencyModel For(Compilation compilation, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Built with the token of whichever action asks first. If that action is cancelled while others wait on
            // the same entry, they drop the entry and build again with their own token.
            var lazy = Models.GetValue(compilation, c => new Lazy<ConcurrencyModel>(() => Build(c, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication));
            try
            {
                return lazy.Value;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Models.Remove(compilation);
            }
        }
    }

    public IReadOnlyList<RaceFinding> FindingsFor(SyntaxTree tree)
        => _findings.TryGetValue(tree, out var findings) ? findings : Array.Empty<RaceFinding>();

    private static ConcurrencyModel Build(Compilation compilation, CancellationToken cancellationToken)
    {
        var model = new ConcurrencyModel();
        var types = new ConcurrencyTypes(compilation);
        if (types.Thread is null && types.Task is null)
        {
            return model;
        }

        var semanticModels = new Dictionary<SyntaxTree, SemanticModel>();
        SemanticModel SemanticModelOf(SyntaxTree tree)
        {
            if (!semanticModels.TryGetValue(tree, out var semanticModel))
            {
#pragma warning disable RS1030 // The facts are compilation-wide (calls cross files); the driver's semantic-model cache serves these.
                semanticModel = compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                semanticModels[tree] = semanticModel;
            }

            return semanticModel;
        }

        var finder = new ConcurrentEntryFinder(types);
        var entries = new List<ConcurrentEntry>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!ConcurrentEntryFinder.MayContainCandidates(tree.GetText(cancellationToken)))
            {
                continue; // no word that can start a thread: skip the syntax walk
            }

            var root = tree.GetRoot(cancellationToken);
            foreach (var node in root.DescendantNodes())
            {
                if (!ConcurrentEntryFinder.IsCandidate(node))
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (SemanticModelOf(tree).GetOperation(node, cancellationToken) is { } operation)
                {
                    finder.Collect(operation, entries);
                }
            }
        }

        if (entries.Count == 0)
        {
            return model;
        }

        var walker = new SharedStateWalker(compilation, types, SemanticModelOf, cancellationToken);
        foreach (var entry in entries)
        {
            var start = entry.StartOperation.Syntax.GetLocation();
            var context = new ConcurrentContext(start, entry.MultiInstance, entry.StarterRoot.Syntax, entry.IntervalStart, entry.IntervalEnd, partner: null);
            var before = walker.Accesses.Count;
            walker.WalkEntry(entry, context);
            if (walker.Accesses.Count > before && entry.IntervalEnd > entry.StartOperation.Syntax.Span.End)
            {
                // The starter keeps running until it joins: its own accesses in between race with the started code.
                var starter = new ConcurrentContext(start, multiInstance: false, entry.StarterRoot.Syntax, entry.IntervalStart, entry.IntervalEnd, partner: context);
                walker.WalkStarter(entry, starter);
            }
        }

        model.FindRaces(walker.Accesses);
        return model;
    }

    private void FindRaces(List<StateAccess> accesses)
    {
        var groups = new Dictionary<StateKey, List<StateAccess>>();
        foreach (var access in accesses)
        {
            if (!groups.TryGetValue(access.Key, out var group))
            {
                groups[access.Key] = group = new List<StateAccess>();
            }

            group.Add(access);
        }

        var reported = new HashSet<(string, Location)>();
        foreach (var group in groups.Values)
        {
            FindWriteRaces(group, reported);
            FindCollectionRaces(group, reported);
        }
    }

    private void FindWriteRaces(List<StateAccess> group, HashSet<(string, Location)> reported)
    {
        var writes = group.FindAll(a => a.Kind == AccessKind.Write);
        var locked = writes.FindAll(a => a.IsLockedForWrite);
        foreach (var write in writes)
        {
            if (locked.Count == 0)
            {
                if (write.IsConstantStore)
                {
                    continue; // racing stores of one constant ('found = true') lose nothing
                }

                var other = writes.Find(w => write.Context.RunsConcurrentlyWith(w.Context));
                if (other is not null)
                {
                    Report(DiagnosticIds.SharedStateMutation, write, other, reported, null, [Name(write), write.MemberName, StartOf(write, other).StartLine]);
                }

                continue;
            }

            var guarded = locked.Find(l => l != write && write.Context.RunsConcurrentlyWith(l.Context) && !write.SharesLockWith(l));
            if (guarded is not null)
            {
                var lockName = LockName(guarded);
                Report(DiagnosticIds.InconsistentSynchronization, write, guarded, reported, lockName, [Name(write), "updated", lockName, write.MemberName, StartOf(write, guarded).StartLine]);
            }
        }
    }

    private void FindCollectionRaces(List<StateAccess> group, HashSet<(string, Location)> reported)
    {
        var mutations = group.FindAll(a => a.Kind == AccessKind.CollectionMutation);
        if (mutations.Count == 0)
        {
            return;
        }

        var locked = mutations.FindAll(a => a.IsLockedForWrite);
        if (locked.Count == 0)
        {
            foreach (var mutation in mutations)
            {
                // Another mutation, or a read, at the same time: both corrupt or throw on List/Dictionary.
                var other = group.Find(a => a.Kind != AccessKind.Write && mutation.Context.RunsConcurrentlyWith(a.Context));
                if (other is not null)
                {
                    var type = mutation.StateType?.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) ?? "collection";
                    Report(DiagnosticIds.CollectionMutatedConcurrently, mutation, other, reported, null, [Name(mutation), type, mutation.MemberName, StartOf(mutation, other).StartLine]);
                }
            }

            return;
        }

        foreach (var access in group)
        {
            if (access.Kind == AccessKind.Write)
            {
                continue;
            }

            var guarded = locked.Find(l => l != access && access.Context.RunsConcurrentlyWith(l.Context) && !access.SharesLockWith(l));
            if (guarded is not null)
            {
                var lockName = LockName(guarded);
                var verb = access.Kind == AccessKind.CollectionRead ? "read" : "modified";
                Report(DiagnosticIds.InconsistentSynchronization, access, guarded, reported, lockName, [Name(access), verb, lockName, access.MemberName, StartOf(access, guarded).StartLine]);
            }
        }
    }

    /// <summary>The start quoted in the message: the access's own thread start, or the other side's if the access is on the starting thread.</summary>
    private static ConcurrentContext StartOf(StateAccess access, StateAccess other)
        => access.Context.Partner is null ? access.Context : (other.Context.Partner ?? other.Context);

    private void Report(string id, StateAccess access, StateAccess other, HashSet<(string, Location)> reported, string? lockName, object[] arguments)
    {
        if (!reported.Add((id, access.Location)) || access.Location.SourceTree is not { } tree)
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(StateNameProperty, access.Key.State.Name)
            .Add(StateKindProperty, access.Key.State.Kind.ToString());
        if (lockName is not null)
        {
            properties = properties.Add(LockNameProperty, lockName);
        }

        if (!_findings.TryGetValue(tree, out var list))
        {
            _findings[tree] = list = new List<RaceFinding>();
        }

        list.Add(new RaceFinding(id, access.Location, StartOf(access, other).Start, properties, arguments));
    }

    private static string Name(StateAccess access) => access.Key.State.Name;

    private static string LockName(StateAccess guarded)
    {
        foreach (var held in guarded.Locks)
        {
            if (held.AllowsWrites && held.Symbol is { } symbol)
            {
                return symbol is ITypeSymbol ? "this" : symbol.Name;
            }
        }

        return "its lock";
    }
}

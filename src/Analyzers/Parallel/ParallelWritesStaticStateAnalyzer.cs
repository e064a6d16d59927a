using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.ParallelUsage;

/// <summary>
/// FL3005: a <c>[Parallel]</c> method, or a method of the same compilation it calls, writes a static field or property,
/// changes a collection held in one (<c>s_results.Add(x)</c>, <c>s_cache[key] = value</c>) or writes an element of a
/// static array.
/// </summary>
/// <remarks>
/// Each worker process has its own copy of every static: the write changes the worker's copy, never the caller's,
/// and the next call may land in another worker that never saw it. The analysis records, for every method body, its
/// static writes and the methods of this compilation it calls; at the end of the compilation it searches the call
/// graph from each <c>[Parallel]</c> method, <see cref="MaxCallDepth"/> calls deep, and reports every write it reaches
/// at the write itself (where the fix goes, and where a suppression for a deliberate per-worker cache belongs), with
/// the <c>[Parallel]</c> methods that reach it as additional locations. Static constructors and
/// <c>[WorkerInitializer]</c> methods are exempt: setting up per-process state is what they are for.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ParallelWritesStaticStateAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Methods that change the collection they are called on (lookups such as <c>GetOrAdd</c>, typical of per-process caches, are not here).</summary>
    private static readonly ImmutableHashSet<string> MutatingMethods = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "Add", "AddRange", "Insert", "InsertRange", "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "RemoveWhere", "Clear",
        "Enqueue", "Push", "TryAdd", "AddOrUpdate", "TryUpdate", "UnionWith", "IntersectWith", "ExceptWith", "SymmetricExceptWith",
        "TryRemove", "Dequeue", "TryDequeue", "Pop", "TryPop", "TryTake", "Sort", "Reverse");

    /// <summary>How many calls deep the search goes: deep enough for helpers of helpers, bounded for large call graphs.</summary>
    internal const int MaxCallDepth = 4;

    internal static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.ParallelWritesStaticState,
        title: "Do not write static state from [Parallel] methods",
        messageFormat: "'{0}' writes static {1} '{2}' while running for [Parallel] method '{3}': in a worker process the write changes the worker's copy and never reaches the caller; return the value instead",
        DiagnosticCategories.Parallel,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Each worker process has its own copy of every static field and property. A write made while running a [Parallel] method stays in that worker; the caller never sees it, and later calls may run in other workers.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.ParallelWritesStaticState),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

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

            if (ParallelAttributes.Find(start.Compilation) is not { Parallel: not null } attributes)
            {
                return;
            }

            var bodies = new ConcurrentDictionary<IMethodSymbol, MethodFacts>(SymbolEqualityComparer.Default);
            var roots = new ConcurrentBag<IMethodSymbol>();
            IAssemblySymbol assembly = start.Compilation.Assembly;

            start.RegisterOperationBlockStartAction(block =>
            {
                if (block.OwningSymbol is not IMethodSymbol owner || owner.MethodKind == MethodKind.StaticConstructor || attributes.IsWorkerInitializer(owner))
                {
                    return;
                }

                if (attributes.IsParallel(owner))
                {
                    roots.Add(owner);
                }

                var facts = new MethodFacts();
                block.RegisterOperationAction(
                    operation => Record(operation, facts, assembly),
                    OperationKind.FieldReference,
                    OperationKind.PropertyReference,
                    OperationKind.ArrayElementReference,
                    OperationKind.Invocation,
                    OperationKind.ObjectCreation);
                block.RegisterOperationBlockEndAction(_ => bodies[owner.OriginalDefinition] = facts);
            });

            start.RegisterCompilationEndAction(end => Report(end, roots, bodies));
        });
    }

    /// <summary>One diagnostic per write: at the write, naming the first [Parallel] method (by name) that reaches it.</summary>
    private static void Report(CompilationAnalysisContext end, ConcurrentBag<IMethodSymbol> roots, ConcurrentDictionary<IMethodSymbol, MethodFacts> bodies)
    {
        var reached = new Dictionary<Write, (IMethodSymbol Via, List<IMethodSymbol> Roots)>();
        foreach (IMethodSymbol root in roots.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Locations[0].SourceSpan.Start))
        {
            foreach ((Write write, IMethodSymbol via) in FindWrites(root, bodies, end.CancellationToken))
            {
                if (reached.TryGetValue(write, out var found))
                {
                    found.Roots.Add(root);
                }
                else
                {
                    reached.Add(write, (via, new List<IMethodSymbol> { root }));
                }
            }
        }

        foreach (var pair in reached.OrderBy(p => p.Key.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(p => p.Key.Location.SourceSpan.Start))
        {
            Write write = pair.Key;
            IMethodSymbol first = pair.Value.Roots[0];
            end.ReportDiagnostic(Diagnostic.Create(
                Rule,
                write.Location,
                pair.Value.Roots.Select(r => r.Locations[0]),
                pair.Value.Via.Name,
                write.Kind,
                write.Member,
                first.Name));
        }
    }

    private static void Record(OperationAnalysisContext context, MethodFacts facts, IAssemblySymbol assembly)
    {
        switch (context.Operation)
        {
            case IFieldReferenceOperation { Field: { IsStatic: true, IsConst: false } field } reference when IsWritten(reference):
                facts.RecordWrite("field", field.ContainingType.Name + "." + field.Name, WriteSite(reference));
                break;
            case IPropertyReferenceOperation { Property.IsStatic: true } reference when IsWritten(reference):
                facts.RecordWrite("property", reference.Property.ContainingType.Name + "." + reference.Property.Name, WriteSite(reference));
                break;
            case IPropertyReferenceOperation { Property.IsIndexer: true } reference when IsWritten(reference) && StaticCollection(reference.Instance) is string collection:
                facts.RecordWrite("collection", collection, WriteSite(reference));
                break;
            case IPropertyReferenceOperation reference:
                // Accessors of this compilation's properties are calls too: a setter may write static state.
                facts.RecordCall(IsWritten(reference) ? reference.Property.SetMethod : reference.Property.GetMethod, assembly);
                break;
            case IArrayElementReferenceOperation element when IsWritten(element) && StaticMember(element.ArrayReference) is string array:
                facts.RecordWrite("array", array, WriteSite(element));
                break;
            case IInvocationOperation invocation:
                if (MutatingMethods.Contains(invocation.TargetMethod.Name) && StaticCollection(invocation.Instance) is string changed)
                {
                    facts.RecordWrite("collection", changed, invocation.Syntax.GetLocation());
                }

                facts.RecordCall(invocation.TargetMethod, assembly);
                break;
            case IObjectCreationOperation creation:
                facts.RecordCall(creation.Constructor, assembly);
                break;
        }
    }

    /// <summary>
    /// The static collection <paramref name="instance"/> reads (as <c>Type.member</c>), or <see langword="null"/>. Immutable
    /// collections are left out: their <c>Add</c> returns a new collection, and storing it is a field write.
    /// </summary>
    private static string? StaticCollection(IOperation? instance)
        => StaticMember(instance) is string member
            && instance!.Type is { } type
            && type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable)
            && type.ContainingNamespace?.ToDisplayString() != "System.Collections.Immutable"
            ? member
            : null;

    private static string? StaticMember(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation switch
        {
            IFieldReferenceOperation { Field: { IsStatic: true, IsConst: false } field } => field.ContainingType.Name + "." + field.Name,
            IPropertyReferenceOperation { Property.IsStatic: true } property => property.Property.ContainingType.Name + "." + property.Property.Name,
            _ => null,
        };
    }

    private static bool IsWritten(IOperation reference) => reference.Parent switch
    {
        IAssignmentOperation assignment => assignment.Target == reference,
        ITupleOperation { Parent: IDeconstructionAssignmentOperation deconstruction } tuple => deconstruction.Target == tuple,
        IIncrementOrDecrementOperation increment => increment.Target == reference,
        IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
        _ => false,
    };

    /// <summary>The statement-sized node that writes: the assignment, the increment, or the call taking it by <c>ref</c>.</summary>
    private static Location WriteSite(IOperation reference) => reference.Parent switch
    {
        IArgumentOperation { Parent: { } call } => call.Syntax.GetLocation(),
        ITupleOperation { Parent: { } deconstruction } => deconstruction.Syntax.GetLocation(),
        { } parent => parent.Syntax.GetLocation(),
        _ => reference.Syntax.GetLocation(),
    };

    /// <summary>Every write in the methods reachable from <paramref name="root"/>, with the method it is in; a breadth-first search.</summary>
    private static IEnumerable<(Write Write, IMethodSymbol Via)> FindWrites(
        IMethodSymbol root,
        ConcurrentDictionary<IMethodSymbol, MethodFacts> bodies,
        CancellationToken cancellationToken)
    {
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { root.OriginalDefinition };
        var level = new List<IMethodSymbol> { root.OriginalDefinition };
        for (int depth = 0; depth <= MaxCallDepth && level.Count > 0; depth++)
        {
            var next = new List<IMethodSymbol>();
            foreach (IMethodSymbol method in level)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!bodies.TryGetValue(method, out MethodFacts? facts))
                {
                    continue;
                }

                foreach (Write write in facts.Writes)
                {
                    yield return (write, method);
                }

                next.AddRange(facts.Calls.Where(seen.Add));
            }

            level = next;
        }
    }

    /// <summary>One static write: what is written, and where. Each write operation is recorded once, so identity is enough.</summary>
    private sealed class Write
    {
        public Write(string kind, string member, Location location)
        {
            Kind = kind;
            Member = member;
            Location = location;
        }

        public string Kind { get; }

        public string Member { get; }

        public Location Location { get; }
    }

    /// <summary>What one method body does that matters here. Filled by one operation block, read at compilation end.</summary>
    private sealed class MethodFacts
    {
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _calls = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentBag<Write> _writes = new();

        public IEnumerable<Write> Writes => _writes;

        public IEnumerable<IMethodSymbol> Calls => _calls.Keys;

        public void RecordWrite(string kind, string member, Location location) => _writes.Add(new Write(kind, member, location));

        public void RecordCall(IMethodSymbol? method, IAssemblySymbol assembly)
        {
            // Only methods of this compilation have bodies this analysis sees.
            if (method is not null && SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, assembly))
            {
                _calls.TryAdd(method.OriginalDefinition, true);
            }
        }
    }
}

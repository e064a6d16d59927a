using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A hosted service's background loop that changes a collection another shared object holds, which other types read
/// (FL1002):
/// <code>
/// /// &lt;summary&gt;App-wide singleton holding the last known position of every groomer.&lt;/summary&gt;
/// public sealed class FleetState { public Dictionary&lt;string, Position&gt; Positions { get; } = new(); }
///
/// protected override async Task ExecuteAsync(CancellationToken stoppingToken)    // in a BackgroundService
/// {
///     await foreach (var fix in _fixes.ReadAllAsync(stoppingToken))
///         _state.Positions[fix.Id] = fix;                                            // the loop's thread
/// }
///
/// public IReadOnlyList&lt;Position&gt; OnPiste(string piste) =&gt; _state.Positions.Values.Where(…).ToList();   // request threads
/// </code>
/// </summary>
/// <remarks>
/// <para>The host starts <c>ExecuteAsync</c> once and leaves it running beside everything the application does; the
/// collection belongs to neither the service nor its readers, so neither type's own analysis sees both sides
/// (<see cref="TypeConcurrency"/> judges a type's own state). Set z R14.</para>
/// <para>Reported only where every part is in sight: the change is made in the loop's own body (not under a
/// <c>lock</c>, in a body that names no synchronization at all), on a member of the service's field or property
/// (<c>_state.Positions</c>) whose type is not safe for concurrent use (<see cref="ConcurrencyTypes"/>); the object
/// holding it is of a type the compilation declares shared (documented or registered as a singleton, or marked
/// <c>ThreadSafe</c>: <see cref="DeclaredConcurrency"/>), or is an item the loop takes, in a <c>foreach</c>, from a
/// collection such a type hands out (<c>foreach (var session in _registry.Sessions) session.Track.RemoveAll(…)</c>),
/// so the service and the readers hold the same one; and a
/// member of another type that is not a constructor names the same collection. Found from syntax first: a file with no
/// <c>ExecuteAsync</c> override of a hosted service binds nothing, and the readers are looked for only by the
/// collection's name in the texts that contain it. No fix is offered: a lock in the service would not be taken by the
/// readers, and the collection's type is declared in another class.</para>
/// </remarks>
internal static class HostedLoopForeignCollections
{
    private static readonly string[] LoopWord = ["ExecuteAsync"];

    private static readonly string[] SynchronizingWords =
        ["lock", "Interlocked", "Monitor", "Wait", "WaitAsync", "EnterScope", "EnterWriteLock", "EnterReadLock", "EnterUpgradeableReadLock", "Volatile"];

    /// <summary>Whether <paramref name="text"/> can override a hosted service's loop.</summary>
    public static bool MayContain(Microsoft.CodeAnalysis.Text.SourceText text) => SourceWords.Any(text, LoopWord);

    /// <summary>Adds a finding for each change of another shared object's collection in a hosted service's loop in <paramref name="semanticModel"/>'s tree.</summary>
    public static void Find(SemanticModel semanticModel, RaceFindings findings, ConcurrencyTypes types, Func<SyntaxTree, SemanticModel> semanticModels, CancellationToken cancellationToken)
    {
        var tree = semanticModel.SyntaxTree;
        var text = tree.GetText(cancellationToken);
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is not MethodDeclarationSyntax { Identifier.ValueText: "ExecuteAsync", Parent: ClassDeclarationSyntax } loop
                || !loop.Modifiers.Any(SyntaxKind.OverrideKeyword)
                || (loop.Body ?? (SyntaxNode?)loop.ExpressionBody) is not { } body
                || SourceWords.Any(text, loop.Span, SynchronizingWords))
            {
                continue;
            }

            INamedTypeSymbol? service = null;
            foreach (var change in Changes(body))
            {
                cancellationToken.ThrowIfCancellationRequested();
                service ??= semanticModel.GetDeclaredSymbol(loop, cancellationToken)?.ContainingType;
                if (service is null || !LexicalLocking.IsHostedService(service))
                {
                    break;
                }

                if (ChangedCollection(change, service, semanticModel, types, cancellationToken) is not { } collection
                    || FirstReader(collection, service, semanticModel.Compilation, semanticModels, cancellationToken) is not { } reader)
                {
                    continue;
                }

                var collectionType = (collection.Member is IPropertySymbol property ? property.Type : ((IFieldSymbol)collection.Member).Type)
                    .ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                var line = reader.Location.GetLineSpan().StartLinePosition.Line + 1;
                findings.Add(DiagnosticIds.CollectionMutatedConcurrently, change.Location, loop.Identifier.GetLocation(), collection.Member, lockName: null,
                    [collection.Member.Name, collectionType, "ExecuteAsync",
                     $"{collection.Why}, and the hosted service's background loop changes it while '{reader.Member}' in '{reader.Type}' reads it on the application's threads (line {line})"],
                    handedOver: true);
            }
        }
    }

    /// <summary>A change in the loop's body: the node whose receiver is the collection, and where to report it.</summary>
    private readonly struct Change
    {
        public Change(ExpressionSyntax receiver, Location location)
        {
            Receiver = receiver;
            Location = location;
        }

        /// <summary><c>_state.Positions</c> in <c>_state.Positions[id] = fix</c> or <c>_state.Positions.Add(…)</c>.</summary>
        public ExpressionSyntax Receiver { get; }

        public Location Location { get; }
    }

    /// <summary>
    /// The element stores (<c>x.P[k] = v</c>) and mutator calls by name (<c>x.P.Add(…)</c>, <see cref="ConcurrencyTypes.IsMutatorName"/>)
    /// on a member of a field or property (<c>x.P</c>), outside lambdas and local functions.
    /// </summary>
    private static IEnumerable<Change> Changes(SyntaxNode body)
    {
        foreach (var node in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            switch (node)
            {
                case AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax receiver } } store when IsMemberOfMember(receiver):
                    yield return new Change(receiver, store.GetLocation());
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax receiver, Name: var name } } call
                    when ConcurrencyTypes.IsMutatorName(name.Identifier.ValueText) && IsMemberOfMember(receiver):
                    yield return new Change(receiver, call.GetLocation());
                    break;
            }
        }
    }

    /// <summary><c>_state.Positions</c> or <c>this._state.Positions</c>: a member of one of the service's own members.</summary>
    private static bool IsMemberOfMember(MemberAccessExpressionSyntax receiver)
        => receiver.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax };

    private sealed class Collection
    {
        public Collection(ISymbol member, string why)
        {
            Member = member;
            Why = why;
        }

        /// <summary>The field or property that holds the collection (<c>FleetState.Positions</c>).</summary>
        public ISymbol Member { get; }

        /// <summary>Why its holder is shared, as <see cref="DeclaredConcurrency"/> says it.</summary>
        public string Why { get; }
    }

    /// <summary>
    /// The collection <paramref name="change"/> changes, when it is a member of a declared-shared type of the
    /// compilation other than the service, reached through the service's own instance field or property, or a member
    /// of an item the loop takes from such a type's collection (<see cref="ItemsOf"/>).
    /// </summary>
    private static Collection? ChangedCollection(Change change, INamedTypeSymbol service, SemanticModel semanticModel, ConcurrencyTypes types, CancellationToken cancellationToken)
    {
        var receiver = (MemberAccessExpressionSyntax)change.Receiver;
        if (semanticModel.GetSymbolInfo(receiver, cancellationToken).Symbol is not { } member
            || member is not (IPropertySymbol or IFieldSymbol { IsConst: false })
            || member.IsStatic
            || !types.IsUnsafeCollection(member is IPropertySymbol property ? property.Type : ((IFieldSymbol)member).Type)
            || member.ContainingType is not { } holder
            || SymbolEqualityComparer.Default.Equals(holder.OriginalDefinition, service.OriginalDefinition)
            || holder.DeclaringSyntaxReferences.IsEmpty
            || semanticModel.GetSymbolInfo(receiver.Expression, cancellationToken).Symbol is not { } owner)
        {
            return null;
        }

        // The holder is the service's own member (_state.Positions), or an item of a collection one of the service's
        // members holds (session.Track, in a foreach over _registry.Sessions): then the shared one is that member's type.
        var shared = holder;
        var items = owner is ILocalSymbol ? ItemsOf(receiver) : null;
        if (items is not null)
        {
            if (semanticModel.GetSymbolInfo(items, cancellationToken).Symbol is not { ContainingType: { } registry }
                || SymbolEqualityComparer.Default.Equals(registry.OriginalDefinition, service.OriginalDefinition)
                || registry.DeclaringSyntaxReferences.IsEmpty)
            {
                return null;
            }

            shared = registry;
            owner = semanticModel.GetSymbolInfo(items.Expression, cancellationToken).Symbol;
        }

        if (owner is not (IFieldSymbol or IPropertySymbol)
            || owner.IsStatic
            || !SymbolEqualityComparer.Default.Equals(owner.ContainingType?.OriginalDefinition, service.OriginalDefinition))
        {
            return null;
        }

        var declaration = DeclaredConcurrency.Of(shared, SingletonRegistrations.For(semanticModel.Compilation, cancellationToken), cancellationToken);
        if (declaration.Kind != DeclaredConcurrency.Kind.Declared)
        {
            return null;
        }

        return new Collection(member, items is null ? declaration.Why : $"{declaration.Why} and hands out each '{holder.Name}' through '{items.Name.Identifier.ValueText}'");
    }

    /// <summary>
    /// The collection a <c>foreach</c> takes the receiver's variable from, when it is a member of one of the service's
    /// own members: <c>_registry.Sessions</c> for <c>session.Track</c> in <c>foreach (var session in _registry.Sessions)</c>
    /// (set au R12: a sweeper trimming each connected groomer's track list while the hub adds to it under its lock).
    /// </summary>
    private static MemberAccessExpressionSyntax? ItemsOf(MemberAccessExpressionSyntax receiver)
        => receiver.Expression is IdentifierNameSyntax { Identifier.ValueText: var name }
           && receiver.Ancestors().OfType<ForEachStatementSyntax>().FirstOrDefault(loop => loop.Identifier.ValueText == name) is { Expression: MemberAccessExpressionSyntax items }
           && items.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }
            ? items
            : null;

    /// <summary>
    /// The first use of <paramref name="collection"/> by name, in the compilation's texts, in a member of a type other
    /// than the service and the collection's holder that is not a constructor or an initializer.
    /// </summary>
    private static ForeignReader? FirstReader(Collection collection, INamedTypeSymbol service, Compilation compilation, Func<SyntaxTree, SemanticModel> semanticModels, CancellationToken cancellationToken)
    {
        var name = new[] { collection.Member.Name };
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!SourceWords.Any(tree.GetText(cancellationToken), name))
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var token in SourceWords.IdentifiersNamed(tree.GetRoot(cancellationToken), collection.Member.Name))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (token.Parent is not IdentifierNameSyntax identifier
                    || identifier.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member
                    || member is not (MethodDeclarationSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax)
                    || member.Parent is not TypeDeclarationSyntax)
                {
                    continue;
                }

                model ??= semanticModels(tree);
                if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol?.OriginalDefinition, collection.Member.OriginalDefinition)
                    || model.GetDeclaredSymbol(member, cancellationToken) is not { ContainingType: { } type } declared
                    || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, service.OriginalDefinition)
                    || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, collection.Member.ContainingType.OriginalDefinition))
                {
                    continue;
                }

                return new ForeignReader(declared.Name, type.Name, identifier.GetLocation());
            }
        }

        return null;
    }
}

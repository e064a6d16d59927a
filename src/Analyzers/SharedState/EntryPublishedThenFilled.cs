using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// FL1007 for a concurrent dictionary's entry: a new object stored into a <c>ConcurrentDictionary</c> field and filled
/// after the store, while another member takes values out of the dictionary and reads what is being filled.
/// </summary>
/// <remarks>
/// <code>
/// var depot = new Depot(code, roads);
/// _depots[code] = depot;                  // a request's TryGetValue can find it from here on
/// foreach (var tram in _db.TramsAt(code))
///     depot.Stabled.Add(tram);            // while the request enumerates 'depot.Stabled' (set bk R13)
/// </code>
/// <para>A concurrent dictionary says its entries are taken out on other threads: the store publishes the object as a
/// <c>volatile</c> field's store does (<see cref="PublishedThenFilled"/>), and a reader can enumerate a list while it
/// grows, or see a member not yet set. Found from syntax first: only files that name <c>ConcurrentDictionary</c>, only
/// fields declared with it, and only stores of a local created in the same function (<c>d[k] = local</c>,
/// <c>d.TryAdd(k, local)</c>, <c>d.GetOrAdd(k, local)</c>) followed by a fill through the local: a mutator call on it
/// or on one of its members (<c>local.Items.Add(…)</c>, <c>local[k] = …</c>), or a store into one of its members
/// (<c>local.Name = …</c>). Another member, not a constructor, must take values out of the same dictionary outside a
/// <c>lock</c> and, for a member's fill, name that member too; the names are then bound. A store or fill inside a
/// <c>lock</c>, a store in a constructor or in a private method only constructors call, a filled member of a
/// thread-safe type, and a member store into a struct (a copy) are not reported.</para>
/// </remarks>
internal static class EntryPublishedThenFilled
{
    private static readonly string[] DictionaryWord = ["ConcurrentDictionary"];

    /// <summary>The dictionary's members that store a value given to them (the value is their second argument).</summary>
    private static readonly string[] StoringMethods = ["TryAdd", "GetOrAdd", "AddOrUpdate"];

    /// <summary>The dictionary's members that read no value out of it.</summary>
    private static readonly HashSet<string> NoValueMembers = new(StringComparer.Ordinal)
    {
        "ContainsKey", "Count", "IsEmpty", "Keys", "TryRemove", "Remove", "TryAdd", "Clear", "AddOrUpdate", "TryUpdate", "Comparer",
    };

    /// <summary>Reports every dictionary entry published before it is filled in <paramref name="file"/>'s tree.</summary>
    public static void Find(SemanticModelAnalysisContext file, DiagnosticDescriptor rule)
    {
        foreach (var (type, field) in PublishedThenFilled.FieldsIn(file, DictionaryWord))
        {
            if (!NamesConcurrentDictionary(field.Declaration.Type))
            {
                continue;
            }

            foreach (var variable in field.Declaration.Variables)
            {
                file.CancellationToken.ThrowIfCancellationRequested();
                Check(file, rule, type, variable.Identifier.ValueText);
            }
        }
    }

    private static bool NamesConcurrentDictionary(TypeSyntax type) => type switch
    {
        NullableTypeSyntax nullable => NamesConcurrentDictionary(nullable.ElementType),
        QualifiedNameSyntax qualified => NamesConcurrentDictionary(qualified.Right),
        GenericNameSyntax { Identifier.ValueText: "ConcurrentDictionary", TypeArgumentList.Arguments.Count: 2 } => true,
        _ => false,
    };

    /// <summary>A store of a local into the dictionary: the statement's node, the dictionary's name there, and the local.</summary>
    private readonly struct EntryStore
    {
        public EntryStore(SyntaxNode node, ExpressionSyntax dictionary, IdentifierNameSyntax value)
        {
            Node = node;
            Dictionary = dictionary;
            Value = value;
        }

        public SyntaxNode Node { get; }

        public ExpressionSyntax Dictionary { get; }

        public IdentifierNameSyntax Value { get; }
    }

    private static void Check(SemanticModelAnalysisContext file, DiagnosticDescriptor rule, TypeDeclarationSyntax type, string name)
    {
        var stores = new List<EntryStore>();
        var valueReads = new List<ExpressionSyntax>();
        foreach (var token in SourceWords.IdentifiersNamed(type, name))
        {
            if (token.Parent is not IdentifierNameSyntax identifier || identifier.FirstAncestorOrSelf<MemberDeclarationSyntax>() is null or FieldDeclarationSyntax)
            {
                continue;
            }

            var named = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? (ExpressionSyntax)access : identifier;
            if (StoreOf(named) is { } store)
            {
                stores.Add(store);
            }
            else if (TakesValueOut(named))
            {
                valueReads.Add(named);
            }
        }

        foreach (var store in stores)
        {
            var member = store.Node.FirstAncestorOrSelf<MemberDeclarationSyntax>()!;
            var function = MethodSyntaxFacts.FunctionOf(store.Node) ?? store.Node;
            var local = store.Value.Identifier.ValueText;
            if (member is ConstructorDeclarationSyntax
                || OnlyConstructorsCall(type, member)
                || Held(store.Node, type)
                || !PublishedThenFilled.CreatedBefore(function, local, store.Node.SpanStart)
                || FillAfter(function, local, store.Node) is not { } fill
                || Reader(type, member, valueReads, fill.Member) is not { } reader
                || !Confirmed(file.SemanticModel, store, fill, reader, file.CancellationToken))
            {
                continue;
            }

            var readerLine = reader.Line.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            file.ReportDiagnostic(Diagnostic.Create(
                rule,
                store.Node.GetLocation(),
                [fill.Change.GetLocation(), reader.Line.GetLocation()],
                ImmutableDictionary<string, string?>.Empty.Add(PublishedBeforeFilledAnalyzer.FieldNameProperty, name).Add(FlagSetBeforeData.ShapeProperty, PublishedThenFilled.Shape),
                local,
                $"'{fill.Description}' changes it after it is stored in '{name}', so '{FlagSetBeforeData.ReaderName(reader.Line.FirstAncestorOrSelf<MemberDeclarationSyntax>()!)}' taking it out",
                readerLine));
            return;
        }
    }

    /// <summary>
    /// <c>d[k] = local</c>, <c>d.TryAdd(k, local)</c>, <c>d.GetOrAdd(k, local)</c> or <c>d.AddOrUpdate(k, local, …)</c>
    /// when <paramref name="dictionary"/> is the <c>d</c>.
    /// </summary>
    private static EntryStore? StoreOf(ExpressionSyntax dictionary)
    {
        switch (dictionary.Parent)
        {
            case ElementAccessExpressionSyntax { Parent: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Right: IdentifierNameSyntax value } assignment } element
                when element.Expression == dictionary && assignment.Left == element:
                return new EntryStore(assignment, dictionary, value);
            case MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax { ArgumentList.Arguments: { Count: >= 2 } arguments } call, Name.Identifier.ValueText: var method } access
                when access.Expression == dictionary && call.Expression == access && Array.IndexOf(StoringMethods, method) >= 0
                     && arguments[1] is { RefKindKeyword.RawKind: (int)SyntaxKind.None, Expression: IdentifierNameSyntax value }:
                return new EntryStore(call, dictionary, value);
            default:
                return null;
        }
    }

    /// <summary>
    /// Whether this use of the dictionary can take a value out: an indexer read, a loop over it, <c>TryGetValue</c>,
    /// <c>Values</c>, <c>GetOrAdd</c>, a LINQ call; not <c>ContainsKey</c>, <c>Keys</c>, <c>Count</c>, a removal or a store.
    /// </summary>
    private static bool TakesValueOut(ExpressionSyntax dictionary) => dictionary.Parent switch
    {
        ElementAccessExpressionSyntax { Parent: var parent } element when element.Expression == dictionary
            => parent is not AssignmentExpressionSyntax assignment || assignment.Left != element,
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: var member } access when access.Expression == dictionary
            => !NoValueMembers.Contains(member),
        ForEachStatementSyntax loop => loop.Expression == dictionary,
        _ => false,
    };

    /// <summary>
    /// Whether <paramref name="node"/> runs holding a lock: in a held region of its own function (<see cref="InHeldRegion"/>),
    /// or in a private method of <paramref name="type"/> that every call in the type makes holding one, itself or through
    /// such methods (Quartz's <c>RAMJobStore</c>: <c>AddTriggerNoLock</c> and <c>PauseTriggerNoLock</c>, called only by
    /// members that hold its semaphore, or by other <c>…NoLock</c> helpers).
    /// </summary>
    private static bool Held(SyntaxNode node, TypeDeclarationSyntax type)
        => InHeldRegion(node)
           || (node.FirstAncestorOrSelf<MemberDeclarationSyntax>() is MethodDeclarationSyntax method && CalledOnlyHolding(type, method, new HashSet<MethodDeclarationSyntax>()));

    private static bool CalledOnlyHolding(TypeDeclarationSyntax type, MethodDeclarationSyntax method, HashSet<MethodDeclarationSyntax> visiting)
    {
        if (!MethodSyntaxFacts.IsPrivate(method) || !visiting.Add(method))
        {
            return visiting.Contains(method) && MethodSyntaxFacts.IsPrivate(method); // a recursive call adds no path without a lock
        }

        return EveryCall(type, method, call => InHeldRegion(call)
                                               || (call.FirstAncestorOrSelf<MemberDeclarationSyntax>() is MethodDeclarationSyntax caller && CalledOnlyHolding(type, caller, visiting)));
    }

    /// <summary>
    /// Whether <paramref name="type"/> calls <paramref name="method"/> at least once, and every use of its name there is a
    /// call (<c>M(…)</c>, <c>this.M(…)</c>, not a method group handed out to run anywhere) that <paramref name="accepts"/>.
    /// </summary>
    private static bool EveryCall(TypeDeclarationSyntax type, MethodDeclarationSyntax method, Func<SyntaxNode, bool> accepts)
    {
        var called = false;
        foreach (var token in SourceWords.IdentifiersNamed(type, method.Identifier.ValueText))
        {
            if (token.Parent is not IdentifierNameSyntax name)
            {
                continue; // the declaration itself
            }

            var call = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == name ? access.Parent : name.Parent;
            if (call is not InvocationExpressionSyntax || !accepts(call))
            {
                return false;
            }

            called = true;
        }

        return called;
    }

    /// <summary>The names of the calls that release a lock taken before a <c>try</c> (<c>_gate.Release()</c>, <c>Monitor.Exit(x)</c>, <c>_rw.ExitWriteLock()</c>).</summary>
    private static readonly string[] ReleaseNames = ["Release", "Exit", "ExitReadLock", "ExitWriteLock", "ExitUpgradeableReadLock"];

    /// <summary>
    /// Whether <paramref name="node"/> runs holding a lock in its function: inside a <c>lock</c> statement, or inside a
    /// <c>try</c> block whose <c>finally</c> releases one (<c>await _gate.WaitAsync(); try { … } finally { _gate.Release(); }</c>,
    /// Quartz's <c>RAMJobStore</c>, whose members all hold its semaphore, as its <c>…NoLock</c> helpers' callers do).
    /// A store or reader that holds one is left alone: the shape is a dictionary read without any lock.
    /// </summary>
    internal static bool InHeldRegion(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return false;
                case LockStatementSyntax { Statement: var body } when body.Span.Contains(node.Span):
                    return true;
                case TryStatementSyntax { Block: var block, Finally.Block: var final } when block.Span.Contains(node.Span) && Releases(final):
                    return true;
            }
        }

        return false;

        static bool Releases(BlockSyntax final)
            => final.DescendantNodes().Any(static n => n is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } }
                                                       && Array.IndexOf(ReleaseNames, name) >= 0);
    }

    /// <summary>
    /// Whether <paramref name="member"/> is a private method that only the type's constructors call: its stores run
    /// before the object is shared (handed out as a delegate, even by a constructor, it can run any time later).
    /// </summary>
    private static bool OnlyConstructorsCall(TypeDeclarationSyntax type, MemberDeclarationSyntax member)
        => member is MethodDeclarationSyntax method && MethodSyntaxFacts.IsPrivate(method)
           && EveryCall(type, method, static call => call.FirstAncestorOrSelf<MemberDeclarationSyntax>() is ConstructorDeclarationSyntax);

    /// <summary>The first fill of the local after the store, in the same function, and the member it fills through, if any.</summary>
    private readonly struct EntryFill
    {
        public EntryFill(ExpressionSyntax receiver, SyntaxNode change, string description, SimpleNameSyntax? member)
        {
            Receiver = receiver;
            Change = change;
            Description = description;
            Member = member;
        }

        /// <summary>The local, as the fill names it.</summary>
        public ExpressionSyntax Receiver { get; }

        public SyntaxNode Change { get; }

        public string Description { get; }

        /// <summary>The local's member that is filled or stored (<c>Stabled</c> in <c>depot.Stabled.Add(…)</c>), or null when the local itself is.</summary>
        public SimpleNameSyntax? Member { get; }
    }

    private static EntryFill? FillAfter(SyntaxNode function, string local, SyntaxNode store)
    {
        foreach (var token in SourceWords.IdentifiersNamed(function, local))
        {
            if (token.SpanStart <= store.Span.End || token.Parent is not IdentifierNameSyntax use || MethodSyntaxFacts.FunctionOf(use) != function)
            {
                continue;
            }

            if (use.Parent is AssignmentExpressionSyntax assigned && assigned.Left == use)
            {
                return null; // the local holds another object from here on
            }

            EntryFill? fill = PublishedThenFilled.Change(use) is { } direct
                ? new EntryFill(use, direct.Node, direct.Description, member: null)
                : use.Parent is MemberAccessExpressionSyntax { Name: var name } access && access.Expression == use
                    ? PublishedThenFilled.Change(access) is { } ofMember ? new EntryFill(use, ofMember.Node, ofMember.Description, name)
                    : PublishedThenFilled.MemberStore(use) is { } stored ? new EntryFill(use, stored.Node, stored.Description, name)
                    : null
                    : null;
            if (fill is { } found)
            {
                return InHeldRegion(found.Change) ? null : found;
            }
        }

        return null;
    }

    /// <summary>
    /// A use of the dictionary that takes a value out in another member, not a constructor, outside any <c>lock</c>;
    /// when a member of the value is filled, that member must be named in the same member too (the line reported is
    /// that name's).
    /// </summary>
    private static (ExpressionSyntax Taken, SyntaxNode Line)? Reader(TypeDeclarationSyntax type, MemberDeclarationSyntax storing, List<ExpressionSyntax> valueReads, SimpleNameSyntax? filledMember)
    {
        foreach (var read in valueReads)
        {
            if (read.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member || member == storing || member is ConstructorDeclarationSyntax
                || Held(read, type))
            {
                continue;
            }

            if (filledMember is null)
            {
                return (read, read);
            }

            foreach (var token in SourceWords.IdentifiersNamed(member, filledMember.Identifier.ValueText))
            {
                if (token.Parent is IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax access } name && access.Name == name
                    && !Held(name, type))
                {
                    return (read, name);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the names bind as they look: the field is a <c>ConcurrentDictionary</c>, the stored value is the local;
    /// a filled member is an instance member whose type is not safe for concurrent use (a member store: of a class), and
    /// the reader names that same member; a filled local is itself of such a type.
    /// </summary>
    private static bool Confirmed(SemanticModel semanticModel, EntryStore store, EntryFill fill, (ExpressionSyntax Taken, SyntaxNode Line) reader, CancellationToken cancellationToken)
    {
        if (semanticModel.GetSymbolInfo(store.Dictionary, cancellationToken).Symbol is not IFieldSymbol { Type: INamedTypeSymbol dictionaryType } field
            || !SymbolEqualityComparer.Default.Equals(dictionaryType.OriginalDefinition, semanticModel.Compilation.GetTypeByMetadataName("System.Collections.Concurrent.ConcurrentDictionary`2"))
            || !SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(reader.Taken, cancellationToken).Symbol, field)
            || semanticModel.GetSymbolInfo(store.Value, cancellationToken).Symbol is not ILocalSymbol local
            || !SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(fill.Receiver, cancellationToken).Symbol, local))
        {
            return false;
        }

        var types = ConcurrencyTypes.For(semanticModel.Compilation);
        if (fill.Member is null)
        {
            return types.IsUnsafeCollection(local.Type);
        }

        var filled = semanticModel.GetSymbolInfo(fill.Member, cancellationToken).Symbol;
        var memberType = filled switch
        {
            IPropertySymbol { IsStatic: false } property => property.Type,
            IFieldSymbol { IsStatic: false } instanceField => instanceField.Type,
            _ => null,
        };
        var isStore = fill.Change is AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax stored } && stored.Name == fill.Member;
        return memberType is not null
               && (isStore ? local.Type.TypeKind == TypeKind.Class : types.IsUnsafeCollection(memberType))
               && SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(reader.Line, cancellationToken).Symbol, filled);
    }
}

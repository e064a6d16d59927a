using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// FL1007 without a lock: a new collection stored in a field that every thread can see (a <c>volatile</c> or a
/// <c>static</c> one), then filled after the store, while other members read the field without a lock.
/// </summary>
/// <remarks>
/// <code>
/// var next = new List&lt;Slot&gt;();
/// foreach (…) next.Add(confirmed);
/// _published = next;                       // a reader's 'foreach (var s in _published)' can start here
/// foreach (…) next.Add(standby);           // and the list changes under it (set ae R05)
///
/// s_tracks = new Dictionary&lt;int, Track&gt;();  // 's_tracks ?? Load()' in another thread sees it empty
/// foreach (…) s_tracks[n] = track;          // or reads it while it is being filled (set m R06)
/// </code>
/// <para>The store publishes the object: from then on a reader on another thread can use it, and a collection that
/// is read while it is written can throw, loop or lose entries. The fill has to happen before the store. Found from
/// syntax first: only the fields declared <c>volatile</c> or <c>static</c> (not <c>[ThreadStatic]</c>) whose type is
/// written as one of the unsafe collections are searched, and only a candidate's few names are bound.</para>
/// <para>Reported when the store is <c>F = new …</c> (or a collection expression) filled through <c>F</c>, or
/// <c>F = local</c> where the local was created in the same member and is filled through the local; the fill (a
/// mutator call or an element assignment) follows the store in the same function; and a member other than the
/// storing one reads <c>F</c> outside any <c>lock</c> (for a static field, a member that is not private). A
/// constructor's store (a static constructor's, for a static field) is not a publication.</para>
/// </remarks>
internal static class PublishedThenFilled
{
    /// <summary>The value of <see cref="FlagSetBeforeData.ShapeProperty"/> for this shape.</summary>
    public const string Shape = "PublishedThenFilled";

    private static readonly string[] SharedWords = ["volatile", "static", "Volatile"];

    /// <summary>Reports every collection published before it is filled in <paramref name="file"/>'s tree.</summary>
    public static void Find(SemanticModelAnalysisContext file, DiagnosticDescriptor rule)
    {
        foreach (var (type, field) in FieldsIn(file, SharedWords))
        {
            if ((Sharing(field) ?? PublishedWithVolatileWrite(field, type)) is not { } sharing
                || !(ConcurrencyTypes.MayNameUnsafeType(field.Declaration.Type) || sharing == Shared.Volatile))
            {
                continue;
            }

            foreach (var variable in field.Declaration.Variables)
            {
                file.CancellationToken.ThrowIfCancellationRequested();
                Check(file, rule, type, variable.Identifier.ValueText, sharing);
            }
        }
    }

    /// <summary>
    /// The field declarations of the types in <paramref name="file"/>'s tree (within its filter span), when its text names
    /// one of <paramref name="words"/>; none otherwise.
    /// </summary>
    internal static IEnumerable<(TypeDeclarationSyntax Type, FieldDeclarationSyntax Field)> FieldsIn(SemanticModelAnalysisContext file, string[] words)
    {
        var tree = file.SemanticModel.SyntaxTree;
        if (!SourceWords.Any(tree.GetText(file.CancellationToken), words))
        {
            yield break;
        }

        foreach (var node in tree.GetRoot(file.CancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is FieldDeclarationSyntax { Parent: TypeDeclarationSyntax type } field
                && !(file.FilterSpan is { } span && !span.IntersectsWith(type.Span)))
            {
                yield return (type, field);
            }
        }
    }

    private enum Shared
    {
        Static,
        Volatile,
    }

    /// <summary>How a field is shared with every thread, or null when it is constant, read-only, per thread, or neither static nor volatile.</summary>
    private static Shared? Sharing(FieldDeclarationSyntax field)
    {
        Shared? sharing = null;
        foreach (var modifier in field.Modifiers)
        {
            switch (modifier.Kind())
            {
                case SyntaxKind.ConstKeyword or SyntaxKind.ReadOnlyKeyword:
                    return null;
                case SyntaxKind.VolatileKeyword:
                    sharing = Shared.Volatile;
                    break;
                case SyntaxKind.StaticKeyword:
                    sharing ??= Shared.Static;
                    break;
            }
        }

        return StaticCacheTakes.IsMarkedThreadStatic(field) ? null : sharing;
    }

    /// <summary>
    /// A plain instance field that its type stores with <c>Volatile.Write(ref F, …)</c>: the call says the field is
    /// read on other threads, as the keyword does (set al R04, a lookup table published that way before it is filled).
    /// </summary>
    private static Shared? PublishedWithVolatileWrite(FieldDeclarationSyntax field, TypeDeclarationSyntax type)
    {
        if (field.Modifiers.Any(m => m.IsKind(SyntaxKind.ConstKeyword) || m.IsKind(SyntaxKind.ReadOnlyKeyword) || m.IsKind(SyntaxKind.StaticKeyword)))
        {
            return null;
        }

        foreach (var variable in field.Declaration.Variables)
        {
            foreach (var token in SourceWords.IdentifiersNamed(type, variable.Identifier.ValueText))
            {
                if (token.Parent is IdentifierNameSyntax identifier && VolatileWriteOf(identifier) is not null)
                {
                    return Shared.Volatile;
                }
            }
        }

        return null;
    }

    /// <summary>The value of <c>Volatile.Write(ref F, value)</c> when <paramref name="target"/> is its <c>F</c>, or null.</summary>
    private static ExpressionSyntax? VolatileWriteOf(ExpressionSyntax target)
        => target.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Arguments: { Count: 2 } arguments, Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Volatile" }, Name.Identifier.ValueText: "Write" } } } } argument
           && argument.RefKindKeyword.IsKind(SyntaxKind.RefKeyword) && arguments[0] == argument
            ? arguments[1].Expression
            : null;

    private static void Check(SemanticModelAnalysisContext file, DiagnosticDescriptor rule, TypeDeclarationSyntax type, string name, Shared sharing)
    {
        var stores = new List<(SyntaxNode Node, ExpressionSyntax Target, ExpressionSyntax Value)>();
        var reads = new List<ExpressionSyntax>();
        foreach (var token in SourceWords.IdentifiersNamed(type, name))
        {
            if (token.Parent is not IdentifierNameSyntax identifier || identifier.FirstAncestorOrSelf<MemberDeclarationSyntax>() is null or FieldDeclarationSyntax)
            {
                continue;
            }

            var named = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? (ExpressionSyntax)access : identifier;
            if (named.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } store && store.Left == named)
            {
                if (IsCreation(store.Right) || store.Right is IdentifierNameSyntax)
                {
                    stores.Add((store, store.Left, store.Right));
                }

                continue;
            }

            if (VolatileWriteOf(named) is { } published)
            {
                if (IsCreation(published) || published is IdentifierNameSyntax)
                {
                    stores.Add((named.Parent!.Parent!.Parent!, named, published));
                }

                continue;
            }

            reads.Add(named);
        }

        foreach (var store in stores)
        {
            var member = store.Node.FirstAncestorOrSelf<MemberDeclarationSyntax>()!;
            if (member is ConstructorDeclarationSyntax constructor && constructor.Modifiers.Any(SyntaxKind.StaticKeyword) == (sharing == Shared.Static))
            {
                continue; // the object is not shared yet, or the runtime runs the static constructor once with the others waiting
            }

            if (Fill(store, reads, membersToo: sharing == Shared.Volatile) is not { } fill
                || Reader(member, reads, sharing) is not { } reader
                || !Confirmed(file.SemanticModel, store, fill, reader, file.CancellationToken))
            {
                continue;
            }

            var field = (IFieldSymbol)file.SemanticModel.GetSymbolInfo(store.Target, file.CancellationToken).Symbol!;
            var readerLine = reader.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            file.ReportDiagnostic(Diagnostic.Create(
                rule,
                store.Node.GetLocation(),
                [fill.Change.GetLocation(), reader.GetLocation()],
                ImmutableDictionary<string, string?>.Empty.Add(PublishedBeforeFilledAnalyzer.FieldNameProperty, field.Name).Add(FlagSetBeforeData.ShapeProperty, Shape),
                field.Name,
                $"'{fill.Description}' changes it after the store, so '{FlagSetBeforeData.ReaderName(reader.FirstAncestorOrSelf<MemberDeclarationSyntax>()!)}' reading it",
                readerLine));
            return;
        }
    }

    private static bool IsCreation(ExpressionSyntax value) => value is BaseObjectCreationExpressionSyntax or CollectionExpressionSyntax;

    /// <summary>
    /// The first change of the stored object after <paramref name="store"/> in the same function: through the field
    /// (one of <paramref name="reads"/>) when a new object was stored, or through the local that was stored. With
    /// <paramref name="membersToo"/> (a field published as <c>volatile</c> or with <c>Volatile.Write</c>), a store into
    /// one of the object's members counts too (<c>Volatile.Write(ref _current, plan); plan.Beds = …;</c>, set av R08),
    /// and, when nothing else does, a call of the object's own method that fills it (<c>_current = table;
    /// table.Load(reads);</c>, see <see cref="FillsOwnState"/>).
    /// </summary>
    private static (ExpressionSyntax Receiver, SyntaxNode Change, string Description)? Fill((SyntaxNode Node, ExpressionSyntax Target, ExpressionSyntax Value) store, List<ExpressionSyntax> reads, bool membersToo)
        => Fill(store, reads, receiver => PublishedThenFilled.Change(receiver) ?? (membersToo ? MemberStore(receiver) : null))
           ?? (membersToo ? Fill(store, reads, MethodCall) : null);

    /// <summary>The first change <paramref name="changeOf"/> finds after the store (see the overload above).</summary>
    private static (ExpressionSyntax Receiver, SyntaxNode Change, string Description)? Fill((SyntaxNode Node, ExpressionSyntax Target, ExpressionSyntax Value) store, List<ExpressionSyntax> reads, Func<ExpressionSyntax, (SyntaxNode Node, string Description)?> changeOf)
    {
        var function = MethodSyntaxFacts.FunctionOf(store.Node) ?? store.Node;
        if (IsCreation(store.Value))
        {
            foreach (var read in reads)
            {
                if (read.SpanStart > store.Node.Span.End && MethodSyntaxFacts.FunctionOf(read) == function && changeOf(read) is { } change)
                {
                    return (read, change.Node, change.Description);
                }
            }

            return null;
        }

        var local = ((IdentifierNameSyntax)store.Value).Identifier.ValueText;
        if (!CreatedBefore(function, local, store.Node.SpanStart))
        {
            return null;
        }

        foreach (var token in SourceWords.IdentifiersNamed(function, local))
        {
            if (token.SpanStart <= store.Node.Span.End || token.Parent is not IdentifierNameSyntax use || MethodSyntaxFacts.FunctionOf(use) != function)
            {
                continue;
            }

            if (use.Parent is AssignmentExpressionSyntax assigned && assigned.Left == use)
            {
                return null; // the local holds another object from here on
            }

            if (changeOf(use) is { } change)
            {
                return (use, change.Node, change.Description);
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="function"/> declares <paramref name="local"/> with a new object before <paramref name="before"/>.</summary>
    internal static bool CreatedBefore(SyntaxNode function, string local, int before)
    {
        foreach (var token in SourceWords.IdentifiersNamed(function, local))
        {
            if (token.SpanStart < before && token.Parent is VariableDeclaratorSyntax { Initializer.Value: var value } && IsCreation(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A mutator call on <paramref name="receiver"/> (<c>x.Add(…)</c>) or an assignment of one of its elements (<c>x[k] = …</c>).</summary>
    internal static (SyntaxNode Node, string Description)? Change(ExpressionSyntax receiver) => receiver.Parent switch
    {
        MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax call, Name: var method } access
            when access.Expression == receiver && ConcurrencyTypes.IsMutatorName(method.Identifier.ValueText)
            => (call, $"{receiver}.{method.Identifier.ValueText}"),
        ElementAccessExpressionSyntax { Parent: AssignmentExpressionSyntax assignment } element
            when element.Expression == receiver && assignment.Left == element
            => (assignment, $"{receiver}[…] = …"),
        _ => null,
    };

    /// <summary>An assignment of one of <paramref name="receiver"/>'s members (<c>plan.Beds = …</c>).</summary>
    internal static (SyntaxNode Node, string Description)? MemberStore(ExpressionSyntax receiver)
        => receiver.Parent is MemberAccessExpressionSyntax { Parent: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment, Name: var member } access
           && access.Expression == receiver && assignment.Left == access
            ? (assignment, $"{receiver}.{member.Identifier.ValueText} = …")
            : null;

    /// <summary>
    /// A call of a method on <paramref name="receiver"/> that is not a collection's mutator (<c>table.Load(reads)</c>):
    /// whether it fills the object is decided when bound (<see cref="FillsOwnState"/>).
    /// </summary>
    private static (SyntaxNode Node, string Description)? MethodCall(ExpressionSyntax receiver)
        => receiver.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax call, Name: IdentifierNameSyntax method } access
           && access.Expression == receiver && call.Expression == access
            ? (call, $"{receiver}.{method.Identifier.ValueText}")
            : null;

    /// <summary>
    /// Whether <paramref name="call"/> runs an instance method of the field's own class, declared once in source, that
    /// changes that object's state with no lock: a mutator call on one of its collection fields (<c>_finishers.Add(…)</c>)
    /// or a store into one of its instance fields. A results table published through a <c>volatile</c> field and then
    /// loaded by its own <c>Load</c> is read half-filled by the page that reads the field (set bi R16). Decided from
    /// the method's syntax. A method that returns a task starts the object's life rather than filling it
    /// (StackExchange.Redis: <c>physical = new PhysicalConnection(…); physical.BeginConnectAsync(log)</c>, published
    /// first on purpose so that callbacks during the connect find it), and is not a fill.
    /// </summary>
    private static bool FillsOwnState(SemanticModel semanticModel, IFieldSymbol field, InvocationExpressionSyntax call, CancellationToken cancellationToken)
    {
        if (field.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class } holder
            || semanticModel.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol { IsStatic: false, IsAsync: false, DeclaringSyntaxReferences: { Length: 1 } references } method
            || method.ReturnType.Name is "Task" or "ValueTask"
            || !SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, holder.OriginalDefinition)
            || references[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax { Parent: TypeDeclarationSyntax type } declaration
            || (declaration.Body ?? (SyntaxNode?)declaration.ExpressionBody) is not { } body
            || body.DescendantNodes().Any(n => n is LockStatementSyntax || n is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Monitor" or "Interlocked" or "Volatile" } }))
        {
            return false;
        }

        var collections = new HashSet<string>(StringComparer.Ordinal);
        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in type.Members)
        {
            if (member is FieldDeclarationSyntax { Declaration: var declared } own && !own.Modifiers.Any(SyntaxKind.StaticKeyword) && !own.Modifiers.Any(SyntaxKind.ConstKeyword))
            {
                foreach (var variable in declared.Variables)
                {
                    fields.Add(variable.Identifier.ValueText);
                    if (ConcurrencyTypes.MayNameUnsafeType(declared.Type))
                    {
                        collections.Add(variable.Identifier.ValueText);
                    }
                }
            }
        }

        foreach (var identifier in body.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            var name = identifier.Identifier.ValueText;
            var state = StateNamed(identifier);
            if ((collections.Contains(name) && Change(state) is not null)
                || (fields.Contains(name) && state.Parent is AssignmentExpressionSyntax { Left: var stored } && stored == state))
            {
                return true;
            }
        }

        return false;

        // '_finishers' or 'this._finishers' as one expression.
        static ExpressionSyntax StateNamed(IdentifierNameSyntax name)
            => name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == name ? access : name;
    }

    /// <summary>
    /// A read of the field in another member, outside any <c>lock</c>: for a static field, in a member that is not
    /// private (another class's thread can call it); for a volatile one, in any member (the keyword says it is read on
    /// another thread).
    /// </summary>
    private static ExpressionSyntax? Reader(MemberDeclarationSyntax storing, List<ExpressionSyntax> reads, Shared sharing)
    {
        foreach (var read in reads)
        {
            if (read.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member || member == storing
                || read.FirstAncestorOrSelf<LockStatementSyntax>() is not null
                || (sharing == Shared.Static && (member is ConstructorDeclarationSyntax || !CallableFromOutside(member))))
            {
                continue;
            }

            return read;
        }

        return null;
    }

    /// <summary>Whether <paramref name="member"/> is declared public, internal or protected (a member without one is private).</summary>
    private static bool CallableFromOutside(MemberDeclarationSyntax member)
        => member.Modifiers.Any(SyntaxKind.PublicKeyword) || member.Modifiers.Any(SyntaxKind.InternalKeyword) || member.Modifiers.Any(SyntaxKind.ProtectedKeyword);

    /// <summary>
    /// Whether <paramref name="field"/> holds what <paramref name="fill"/> changes: a collection that is not safe for
    /// concurrent use, or, for a store into a member, an object of a class of the compilation that declares the member.
    /// </summary>
    private static bool HoldsWhatChanges(SemanticModel semanticModel, IFieldSymbol field, (ExpressionSyntax Receiver, SyntaxNode Change, string Description) fill, CancellationToken cancellationToken)
    {
        if (fill.Change is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var method } } call && !ConcurrencyTypes.IsMutatorName(method))
        {
            return FillsOwnState(semanticModel, field, call, cancellationToken);
        }

        if (fill.Change is not AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax stored } || stored.Expression != fill.Receiver)
        {
            return ConcurrencyTypes.For(semanticModel.Compilation).IsUnsafeCollection(field.Type);
        }

        return field.Type is INamedTypeSymbol { TypeKind: TypeKind.Class, DeclaringSyntaxReferences.IsEmpty: false } holder
               && semanticModel.GetSymbolInfo(stored, cancellationToken).Symbol is IPropertySymbol { IsStatic: false } or IFieldSymbol { IsStatic: false }
               && SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(stored, cancellationToken).Symbol!.ContainingType.OriginalDefinition, holder.OriginalDefinition);
    }

    /// <summary>Whether the names are the field and the local they look like, and the field holds what the fill changes.</summary>
    private static bool Confirmed(SemanticModel semanticModel, (SyntaxNode Node, ExpressionSyntax Target, ExpressionSyntax Value) store, (ExpressionSyntax Receiver, SyntaxNode Change, string Description) fill, ExpressionSyntax reader, CancellationToken cancellationToken)
    {
        if (semanticModel.GetSymbolInfo(store.Target, cancellationToken).Symbol is not IFieldSymbol field
            || !HoldsWhatChanges(semanticModel, field, fill, cancellationToken)
            || !SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(reader, cancellationToken).Symbol, field))
        {
            return false;
        }

        var filled = semanticModel.GetSymbolInfo(fill.Receiver, cancellationToken).Symbol;
        return IsCreation(store.Value)
            ? SymbolEqualityComparer.Default.Equals(filled, field)
            : filled is ILocalSymbol local && SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(store.Value, cancellationToken).Symbol, local);
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// The members of an object a type hands out, written under the type's private lock while another type reads them
/// (FL1001):
/// <code>
/// public DepotStatus Status { get; } = new();                    // in a hosted service
///
/// lock (_statusGate) { Status.TramsInShed = shed; Status.TramsOnRoute = route; }   // its background loop
///
/// var status = _poller.Status;                                    // a request thread, in another type
/// lock (status) { return $"{status.TramsOnRoute}/{status.TramsInShed + status.TramsOnRoute}"; }
/// </code>
/// </summary>
/// <remarks>
/// <para>The lock says the writer expects other threads; being private, it excludes none of the readers the public
/// property hands the object to, so a reader sees some members of an update and not others (set ah R10). Neither
/// type's own analysis sees both sides: <see cref="TypeConcurrency"/> judges a type's own fields, and the object's
/// members belong to a third type.</para>
/// <para>Reported at the write, when all of these hold: a <c>lock</c> on a private field of the writer's type holds
/// a store to a settable member of an object that the type's own non-private property or field holds
/// (<c>Status.TramsInShed = …</c>, the object's type a class of the compilation); and a member of another type (not
/// a constructor) reads that same member through the property, directly (<c>_poller.Status.TramsInShed</c>) or
/// through a local it was copied into, outside a lambda handed to the writer's type. Found from syntax first: only a
/// file with such a store in a lock binds anything, and the readers are looked for only in the texts that name the
/// property. No fix is offered: a lock at the write cannot be taken by the readers (hand out a copy made under the
/// lock, or a member that reads under it).</para>
/// </remarks>
internal static class HandedOutObjectWrites
{
    private static readonly string[] LockWord = ["lock"];

    /// <summary>Whether <paramref name="text"/> can take a lock.</summary>
    public static bool MayContain(Microsoft.CodeAnalysis.Text.SourceText text) => SourceWords.Any(text, LockWord);

    /// <summary>Adds a finding for each such write in <paramref name="semanticModel"/>'s tree.</summary>
    public static void Find(SemanticModel semanticModel, RaceFindings findings, Func<SyntaxTree, SemanticModel> semanticModels, CancellationToken cancellationToken)
    {
        foreach (var region in Regions(semanticModel.SyntaxTree, cancellationToken))
        {
            INamedTypeSymbol? writer = null;
            foreach (var store in Stores(region.Statement))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var target = (MemberAccessExpressionSyntax)store.Left;
                writer ??= PrivateLockOwner(region, semanticModel, cancellationToken);
                if (writer is null)
                {
                    break;
                }

                if (semanticModel.GetSymbolInfo(target, cancellationToken).Symbol is not { } member
                    || member is not (IPropertySymbol { IsStatic: false } or IFieldSymbol { IsStatic: false, IsConst: false })
                    || member.ContainingType is not { TypeKind: TypeKind.Class, DeclaringSyntaxReferences.IsEmpty: false } objectType
                    || SymbolEqualityComparer.Default.Equals(objectType.OriginalDefinition, writer.OriginalDefinition)
                    || semanticModel.GetSymbolInfo(target.Expression, cancellationToken).Symbol is not { } holder
                    || holder is not (IPropertySymbol or IFieldSymbol)
                    || holder.DeclaredAccessibility is Accessibility.Private
                    || !SymbolEqualityComparer.Default.Equals(holder.ContainingType?.OriginalDefinition, writer.OriginalDefinition)
                    || FirstReader(holder, member, writer, objectType, semanticModel.Compilation, semanticModels, cancellationToken) is not { } reader)
                {
                    continue;
                }

                var lockName = region.Expression.ToString();
                var line = reader.Location.GetLineSpan().StartLinePosition.Line + 1;
                var writing = semanticModel.GetEnclosingSymbol(store.SpanStart, cancellationToken) is IMethodSymbol { AssociatedSymbol: { } property } ? property.Name
                    : semanticModel.GetEnclosingSymbol(store.SpanStart, cancellationToken)?.Name ?? writer.Name;
                findings.Add(DiagnosticIds.SharedStateMutation, store.GetLocation(), region.LockKeyword.GetLocation(), member, lockName: null,
                    [$"{holder.Name}.{member.Name}", writing,
                     $"the lock it holds, '{lockName}', is private to '{writer.Name}', yet '{holder.Name}' hands the object to other types: '{reader.Member}' in '{reader.Type}' reads '{member.Name}' (line {line}) without that lock, so it can see some members of an update and not others (hand out a copy made under the lock, or a member that reads under it)"],
                    handedOver: true);
                break; // one report per lock region: the members it writes together are one update
            }
        }
    }

    /// <summary>The <c>lock</c> statements of <paramref name="tree"/>, found at the keyword's places in its text.</summary>
    /// <remarks>A loop of this assembly rather than LINQ over tokens, for the reason <see cref="SourceWords.IdentifiersNamed"/> gives.</remarks>
    private static IEnumerable<LockStatementSyntax> Regions(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var root = tree.GetRoot(cancellationToken);
        if (SourceWords.Positions(tree.GetText(cancellationToken), LockWord) is not { } positions)
        {
            foreach (var node in root.DescendantNodes())
            {
                if (node is LockStatementSyntax region)
                {
                    yield return region;
                }
            }

            yield break;
        }

        foreach (var at in positions)
        {
            var token = root.FindToken(at);
            if (token.IsKind(SyntaxKind.LockKeyword) && token.Parent is LockStatementSyntax region)
            {
                yield return region;
            }
        }
    }

    /// <summary>Stores to a member of a member (<c>Status.Shed = …</c>, <c>this.Status.Shed += …</c>) in <paramref name="body"/>, outside lambdas and local functions.</summary>
    private static IEnumerable<AssignmentExpressionSyntax> Stores(SyntaxNode body)
    {
        foreach (var node in body.DescendantNodesAndSelf(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Expression: var holder } } store
                && holder is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax })
            {
                yield return store;
            }
        }
    }

    /// <summary>The type whose private field <paramref name="region"/> locks, or null.</summary>
    private static INamedTypeSymbol? PrivateLockOwner(LockStatementSyntax region, SemanticModel semanticModel, CancellationToken cancellationToken)
        => region.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }
           && semanticModel.GetSymbolInfo(region.Expression, cancellationToken).Symbol is IFieldSymbol { DeclaredAccessibility: Accessibility.Private, ContainingType: { } owner }
           && semanticModel.GetEnclosingSymbol(region.SpanStart, cancellationToken)?.ContainingType is { } enclosing
           && SymbolEqualityComparer.Default.Equals(enclosing.OriginalDefinition, owner.OriginalDefinition)
            ? owner
            : null;

    /// <summary>
    /// The first read of <paramref name="member"/> through <paramref name="holder"/> in a member of a type other than
    /// the writer and the object's type that is not a constructor, outside a lambda handed to the writer's type.
    /// </summary>
    private static ForeignReader? FirstReader(ISymbol holder, ISymbol member, INamedTypeSymbol writer, INamedTypeSymbol objectType, Compilation compilation, Func<SyntaxTree, SemanticModel> semanticModels, CancellationToken cancellationToken)
    {
        var name = new[] { holder.Name };
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!SourceWords.Any(tree.GetText(cancellationToken), name))
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var token in SourceWords.IdentifiersNamed(tree.GetRoot(cancellationToken), holder.Name))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (token.Parent is not IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax handedOut } identifier
                    || handedOut.Name != identifier
                    || identifier.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } declaration
                    || declaration is not (MethodDeclarationSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax)
                    || declaration.Parent is not TypeDeclarationSyntax
                    || ReadsThrough(handedOut, member.Name, declaration) is not { } read)
                {
                    continue;
                }

                model ??= semanticModels(tree);
                if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol?.OriginalDefinition, holder.OriginalDefinition)
                    || model.GetDeclaredSymbol(declaration, cancellationToken) is not { ContainingType: { } type } declared
                    || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, writer.OriginalDefinition)
                    || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, objectType.OriginalDefinition)
                    || InLambdaHandedTo(read, writer, model, cancellationToken)
                    || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(read, cancellationToken).Symbol?.OriginalDefinition, member.OriginalDefinition))
                {
                    continue;
                }

                return new ForeignReader(declared.Name, type.Name, read.GetLocation());
            }
        }

        return null;
    }

    /// <summary>
    /// A read of <paramref name="memberName"/> on the object <paramref name="handedOut"/> gives: <c>x.Status.Shed</c>,
    /// or <c>status.Shed</c> after <c>var status = x.Status;</c> in the same member. Not a store's target.
    /// </summary>
    private static MemberAccessExpressionSyntax? ReadsThrough(MemberAccessExpressionSyntax handedOut, string memberName, MemberDeclarationSyntax declaration)
    {
        if (handedOut.Parent is MemberAccessExpressionSyntax direct && direct.Expression == handedOut && direct.Name.Identifier.ValueText == memberName)
        {
            return IsStoreTarget(direct) ? null : direct;
        }

        if (handedOut.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax local })
        {
            return null;
        }

        foreach (var token in SourceWords.IdentifiersNamed(declaration, local.Identifier.ValueText))
        {
            if (token.SpanStart > local.Span.End
                && token.Parent is IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax access } use
                && access.Expression == use
                && access.Name.Identifier.ValueText == memberName
                && !IsStoreTarget(access))
            {
                return access;
            }
        }

        return null;
    }

    private static bool IsStoreTarget(ExpressionSyntax access)
        => access.Parent is AssignmentExpressionSyntax assignment && assignment.Left == access;

    /// <summary>Whether <paramref name="read"/> is in a lambda given to a method of <paramref name="writer"/>, which may run it under its lock.</summary>
    private static bool InLambdaHandedTo(SyntaxNode read, INamedTypeSymbol writer, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var lambda in read.Ancestors().OfType<AnonymousFunctionExpressionSyntax>())
        {
            if (lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } }
                && model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { ContainingType: { } callee }
                && SymbolEqualityComparer.Default.Equals(callee.OriginalDefinition, writer.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }
}

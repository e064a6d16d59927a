using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A field of another object that one member updates with <c>Interlocked</c>, taken by another member in two plain
/// steps, a read and then a store of a constant (FL1001, set bd R08):
/// <code>
/// public void Record(string garageId) =&gt; Interlocked.Increment(ref _cells.GetOrAdd(garageId, _ =&gt; new UsageCell()).Reports);
/// public IReadOnlyList&lt;BillingLine&gt; RollUp(DateOnly period)
/// {
///     foreach (var pair in _cells)
///     {
///         var cell = pair.Value;
///         long reports = cell.Reports;        // read
///         cell.Reports = 0;                   // reset: the increments made in between are lost
/// </code>
/// </summary>
/// <remarks>
/// <para>The type's own fields are judged by the method summaries ("taken counts" in FL1001's page); a field of the
/// objects a type keeps in a collection is reached through locals, which those summaries follow for collections, not for
/// counters updated with <c>Interlocked</c>.</para>
/// <para>Reported at the store when all of these hold, within one class of the file: a member updates the field with
/// <c>Interlocked.Increment</c>, <c>Decrement</c> or <c>Add</c> on <c>ref x.Field</c>; another member copies
/// <c>y.Field</c> into a local and then, in the same block and outside any <c>lock</c>, stores a constant into
/// <c>y.Field</c>; the field is an instance field of a class, not of the type itself. No fix is offered:
/// <c>Interlocked.Exchange(ref y.Field, 0)</c> takes and resets in one step.</para>
/// </remarks>
internal static class TakenBesideInterlocked
{
    private static readonly string[] Words = ["Interlocked"];

    public static bool MayContain(Microsoft.CodeAnalysis.Text.SourceText text) => SourceWords.Any(text, Words);

    public static void Find(SemanticModel semanticModel, RaceFindings findings, CancellationToken cancellationToken)
    {
        var root = semanticModel.SyntaxTree.GetRoot(cancellationToken);
        var atomic = new Dictionary<string, MemberDeclarationSyntax>(StringComparer.Ordinal);
        var atomicElements = new Dictionary<string, MemberDeclarationSyntax>(StringComparer.Ordinal);
        foreach (var call in SourceWords.InvocationsNamed(root, ["Increment", "Decrement", "Add"]))
        {
            if (call.Expression is not MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Interlocked" } }
                || call.ArgumentList.Arguments.Count == 0 || call.ArgumentList.Arguments[0] is not { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword } argument
                || call.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member)
            {
                continue;
            }

            if (argument.Expression is MemberAccessExpressionSyntax { Expression: not ThisExpressionSyntax, Name.Identifier.ValueText: var name } && !atomic.ContainsKey(name))
            {
                atomic[name] = member;
            }
            else if (argument.Expression is ElementAccessExpressionSyntax { Expression: var array } && FieldName(array) is { } arrayName && !atomicElements.ContainsKey(arrayName))
            {
                atomicElements[arrayName] = member; // 'Interlocked.Increment(ref _ringCounts[ring])'
            }
        }

        if (atomic.Count == 0 && atomicElements.Count == 0)
        {
            return;
        }

        if (atomicElements.Count > 0)
        {
            FindElements(semanticModel, root, atomicElements, findings, cancellationToken);
        }

        if (atomic.Count == 0)
        {
            return;
        }

        foreach (var store in root.DescendantNodes().OfType<AssignmentExpressionSyntax>())
        {
            if (!store.IsKind(SyntaxKind.SimpleAssignmentExpression)
                || store.Left is not MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var owner }, Name.Identifier.ValueText: var name } target
                || !atomic.TryGetValue(name, out var updater)
                || store.Right is not LiteralExpressionSyntax and not PrefixUnaryExpressionSyntax { Operand: LiteralExpressionSyntax }
                || store.Parent is not ExpressionStatementSyntax { Parent: BlockSyntax block } statement
                || store.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member || member == updater
                || store.Ancestors().TakeWhile(n => n != member).Any(static n => n is LockStatementSyntax)
                || ReadBefore(block, statement, owner, name) is not { } read)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (semanticModel.GetSymbolInfo(target, cancellationToken).Symbol is not IFieldSymbol { IsStatic: false, ContainingType.TypeKind: TypeKind.Class } field
                || semanticModel.GetDeclaredSymbol(member, cancellationToken) is not { } taker
                || SymbolEqualityComparer.Default.Equals(field.ContainingType, taker.ContainingType)
                || semanticModel.GetDeclaredSymbol(updater, cancellationToken) is not { } incrementer)
            {
                continue;
            }

            var line = read.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            findings.Add(DiagnosticIds.SharedStateMutation, store.GetLocation(), read.GetLocation(), field, lockName: null,
                [$"{owner}.{name}", taker.Name,
                 $"'{taker.Name}' reads it at line {line} and resets it here in two plain steps while '{incrementer.Name}' updates it with Interlocked, so what is added between the read and the reset is lost; take and reset it in one step with 'Interlocked.Exchange(ref {owner}.{name}, 0)'"],
                handedOver: true);
        }
    }

    /// <summary>
    /// The same two plain steps on an element of the type's own array whose elements another member updates with
    /// <c>Interlocked</c> (set bg R11: <c>Interlocked.Increment(ref _ringCounts[ring])</c> per arrow, and a flush that
    /// copies <c>_ringCounts[i]</c> and then stores 0 into it): arrows counted between the copy and the reset are lost.
    /// The read is an earlier statement of the same block that reads the element at the same index, written the same way.
    /// </summary>
    private static void FindElements(SemanticModel semanticModel, SyntaxNode root, Dictionary<string, MemberDeclarationSyntax> atomicElements, RaceFindings findings, CancellationToken cancellationToken)
    {
        foreach (var store in root.DescendantNodes().OfType<AssignmentExpressionSyntax>())
        {
            if (!store.IsKind(SyntaxKind.SimpleAssignmentExpression)
                || store.Left is not ElementAccessExpressionSyntax { Expression: var array, ArgumentList.Arguments: { Count: 1 } index } target
                || FieldName(array) is not { } name || !atomicElements.TryGetValue(name, out var updater)
                || store.Right is not LiteralExpressionSyntax and not PrefixUnaryExpressionSyntax { Operand: LiteralExpressionSyntax }
                || store.Parent is not ExpressionStatementSyntax { Parent: BlockSyntax block } statement
                || store.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member || member == updater
                || store.Ancestors().TakeWhile(n => n != member).Any(static n => n is LockStatementSyntax)
                || ElementReadBefore(block, statement, name, index[0].ToString()) is not { } read)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (semanticModel.GetSymbolInfo(array, cancellationToken).Symbol is not IFieldSymbol { Type: IArrayTypeSymbol } field
                || semanticModel.GetDeclaredSymbol(member, cancellationToken) is not { } taker
                || !SymbolEqualityComparer.Default.Equals(field.ContainingType, taker.ContainingType)
                || semanticModel.GetDeclaredSymbol(updater, cancellationToken) is not { } incrementer
                || !SymbolEqualityComparer.Default.Equals(incrementer.ContainingType, taker.ContainingType))
            {
                continue;
            }

            var line = read.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            var element = target.ToString();
            findings.Add(DiagnosticIds.SharedStateMutation, store.GetLocation(), read.GetLocation(), field, lockName: null,
                [element, taker.Name,
                 $"'{taker.Name}' reads it at line {line} and resets it here in two plain steps while '{incrementer.Name}' updates the elements with Interlocked, so what is added between the read and the reset is lost; take and reset it in one step with 'Interlocked.Exchange(ref {element}, 0)'"],
                handedOver: true);
        }
    }

    /// <summary>An earlier statement of <paramref name="block"/> that reads <c>name[index]</c>, not as the target of a store: the read.</summary>
    private static ElementAccessExpressionSyntax? ElementReadBefore(BlockSyntax block, StatementSyntax statement, string name, string index)
    {
        foreach (var earlier in block.Statements)
        {
            if (earlier == statement)
            {
                break;
            }

            foreach (var access in earlier.DescendantNodes().OfType<ElementAccessExpressionSyntax>())
            {
                if (FieldName(access.Expression) == name && access.ArgumentList.Arguments is { Count: 1 } arguments && arguments[0].ToString() == index
                    && !(access.Parent is AssignmentExpressionSyntax assignment && assignment.Left == access))
                {
                    return access;
                }
            }
        }

        return null;
    }

    /// <summary>The field a name or <c>this.</c> access names, by its text.</summary>
    private static string? FieldName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax name } => name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>A statement before <paramref name="statement"/> in <paramref name="block"/> that copies <c>owner.name</c> into a local: the read.</summary>
    private static MemberAccessExpressionSyntax? ReadBefore(BlockSyntax block, StatementSyntax statement, string owner, string name)
    {
        foreach (var earlier in block.Statements)
        {
            if (earlier == statement)
            {
                break;
            }

            if (earlier is LocalDeclarationStatementSyntax { Declaration.Variables: var variables })
            {
                foreach (var variable in variables)
                {
                    if (variable.Initializer?.Value is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var reader }, Name.Identifier.ValueText: var read } access
                        && reader == owner && read == name)
                    {
                        return access;
                    }
                }
            }
        }

        return null;
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A static field filled on first use and returned by a second read, while another member sets it back to null
/// (FL1001, set bb R10):
/// <code>
/// public static PitchTable Current
/// {
///     get
///     {
///         if (_current == null) { _current = PitchTable.Load(ProfilePath); }
///         return _current;                                  // read again: null if Reset ran since the fill
///     }
/// }
/// public static void Reset() => _current = null;            // the settings page
/// </code>
/// </summary>
/// <remarks>
/// <para>A static field is one slot for the whole process. Filled twice at once, the lazy value is only built twice;
/// but a reset that lands between the fill (or the check that found it set) and the second read makes the getter
/// return null, which its callers, told by the type that it never does, dereference on whatever thread asked.
/// <c>return _current ??= Load();</c> reads the field once.</para>
/// <para>Reported at the store of null when all of these hold: the field is <c>static</c>, not <c>readonly</c>, of a
/// reference type; a member checks it for null, fills it in the <c>if</c>'s body and then returns the field itself
/// after the <c>if</c>, outside any <c>lock</c>; another member, not a static constructor, stores null into it outside
/// any <c>lock</c>; and the file starts concurrent work (a <c>Task.Run</c>, a timer, a parallel loop…), so the
/// getter has readers on other threads. No fix is offered.</para>
/// </remarks>
internal static class ResetLazyStatic
{
    private static readonly string[] Words = ["static"];
    private static readonly string[] NullWord = ["null"];

    /// <summary>Whether <paramref name="text"/> can hold such a field: a <c>static</c> member, a <c>null</c> and a start of concurrent work.</summary>
    public static bool MayContain(Microsoft.CodeAnalysis.Text.SourceText text)
        => SourceWords.Any(text, Words) && SourceWords.Any(text, NullWord) && ConcurrentEntryFinder.MayContainCandidates(text);

    public static void Find(SemanticModel semanticModel, RaceFindings findings, CancellationToken cancellationToken)
    {
        var root = semanticModel.SyntaxTree.GetRoot(cancellationToken);
        foreach (var type in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax).OfType<ClassDeclarationSyntax>())
        {
            foreach (var member in type.Members)
            {
                if (member is not FieldDeclarationSyntax field || !field.Modifiers.Any(SyntaxKind.StaticKeyword) || field.Modifiers.Any(SyntaxKind.ReadOnlyKeyword)
                    || field.Modifiers.Any(SyntaxKind.ConstKeyword))
                {
                    continue;
                }

                foreach (var declarator in field.Declaration.Variables)
                {
                    var name = declarator.Identifier.ValueText;
                    if (FillThenReturn(type, name) is not { } fill || NullStore(type, name, fill.Member) is not { } store)
                    {
                        continue;
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    if (semanticModel.GetDeclaredSymbol(declarator, cancellationToken) is not IFieldSymbol { Type.IsReferenceType: true } symbol)
                    {
                        continue;
                    }

                    var getter = MemberName(fill.Member);
                    var storer = MemberName(store.FirstAncestorOrSelf<MemberDeclarationSyntax>()!);
                    findings.Add(DiagnosticIds.SharedStateMutation, store.GetLocation(), fill.Return.Expression!.GetLocation(), symbol, lockName: null,
                        [name, storer,
                         $"'{getter}' checks '{name}' for null, fills it and reads it again at line {LineOf(fill.Return)} to return it, on whichever thread asks, also while this runs, so it can return null; read the field once ('return {name} ??= …;') or take one lock in both"],
                        handedOver: true);
                }
            }
        }
    }

    private static int LineOf(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    private static string MemberName(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        PropertyDeclarationSyntax property => property.Identifier.ValueText,
        _ => "this member",
    };

    /// <summary>
    /// A member of <paramref name="type"/> that runs <c>if (name == null) { name = …; }</c> and then <c>return name;</c>
    /// in the same block, outside any lock and lambda: the member and the return.
    /// </summary>
    private static (MemberDeclarationSyntax Member, ReturnStatementSyntax Return)? FillThenReturn(ClassDeclarationSyntax type, string name)
    {
        foreach (var token in SourceWords.IdentifiersNamed(type, name))
        {
            if (token.Parent is not IdentifierNameSyntax identifier
                || identifier.Parent is not ReturnStatementSyntax { Parent: BlockSyntax block } returned
                || returned.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member || member.Parent != type
                || returned.Ancestors().TakeWhile(n => n != member).Any(static n => n is LockStatementSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            {
                continue;
            }

            var index = block.Statements.IndexOf(returned);
            for (var i = index - 1; i >= 0; i--)
            {
                if (block.Statements[i] is IfStatementSyntax { Else: null } check && NullCheckedReads.CheckedName(check.Condition) == name
                    && !NullCheckedReads.ChecksNotNull(check.Condition, name) && Fills(check.Statement, name))
                {
                    return (member, returned);
                }
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="statement"/> stores a value other than null into <paramref name="name"/>.</summary>
    private static bool Fills(StatementSyntax statement, string name)
    {
        foreach (var assignment in statement.DescendantNodesAndSelf().OfType<AssignmentExpressionSyntax>())
        {
            if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && NullCheckedReads.NameOf(assignment.Left) == name
                && !assignment.Right.IsKind(SyntaxKind.NullLiteralExpression))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>name = null</c> in a member of <paramref name="type"/> other than <paramref name="filler"/> and the static constructor, outside any lock and lambda.</summary>
    private static AssignmentExpressionSyntax? NullStore(ClassDeclarationSyntax type, string name, MemberDeclarationSyntax filler)
    {
        foreach (var token in SourceWords.IdentifiersNamed(type, name))
        {
            if (token.Parent is IdentifierNameSyntax target
                && target.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Right: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } store
                && store.Left == target
                && store.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { } member && member != filler && member.Parent == type && member is not ConstructorDeclarationSyntax
                && !store.Ancestors().TakeWhile(n => n != member).Any(static n => n is LockStatementSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            {
                return store;
            }
        }

        return null;
    }
}

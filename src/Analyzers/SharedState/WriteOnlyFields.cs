using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A private field that no code reads: every use of its name in its type (nested types included) is the target of a
/// plain store (<c>_monitor = Task.Run(Monitor);</c>, <c>this._monitor = null;</c>). A lock held at some of its stores
/// guards nothing: no code sees the field's value, in or out of the lock (WatsonTcp's client keeps a task it never awaits
/// or reads, and one path that disposes the client happens to hold a read gate). A compound store, an element store,
/// <c>ref</c>, <c>nameof</c> or any other use counts as a read.
/// </summary>
/// <remarks>
/// Asked of FL1003 only (inconsistent synchronization). Two threads storing into such a field still race (FL1001): a
/// field written and never read is most often a small program's, or one whose reader is not written yet.
/// </remarks>
internal static class WriteOnlyFields
{
    public static bool Is(ISymbol state)
    {
        if (state is not IFieldSymbol { DeclaredAccessibility: Accessibility.Private, IsImplicitlyDeclared: false } field)
        {
            return false;
        }

        foreach (var reference in field.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (var token in SourceWords.IdentifiersNamed(reference.GetSyntax(), field.Name))
            {
                if (token.Parent is VariableDeclaratorSyntax)
                {
                    continue; // the declaration
                }

                if (token.Parent is not IdentifierNameSyntax name || !IsStoreTarget(name))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsStoreTarget(IdentifierNameSyntax name)
    {
        ExpressionSyntax target = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } self && self.Name == name ? self : name;
        return target.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment && assignment.Left == target;
    }
}

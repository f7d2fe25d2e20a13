(** * Binary rationals ([Q] of Coq's [QArith]) mapped into any numeric field.

    Kernel computation runs on [Q] (binary integers, fast); the model lives in a mathcomp
    field. [q2r] maps the one into the other, and the lemmas here say it commutes with the
    operations the executable copy uses, so a value computed in [Q] is a value of the model. *)

From Coq Require Import QArith.
From mathcomp Require Import all_ssreflect all_algebra.
From mathcomp.zify Require Import ssrZ.
From mathcomp.algebra_tactics Require Import ring.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Section QtoR.

Variable R : numFieldType.

Definition z2r (z : Z) : R := (int_of_Z z)%:~R.
Definition q2r (x : Q) : R := z2r (Qnum x) / z2r (Zpos (Qden x)).

Lemma z2r_add a b : z2r (a + b)%Z = z2r a + z2r b.
Proof. by rewrite /z2r (rmorphD ZInstances.int_of_Z_rmorphism a b) intrD. Qed.

Lemma z2r_mul a b : z2r (a * b)%Z = z2r a * z2r b.
Proof. by rewrite /z2r (rmorphM ZInstances.int_of_Z_rmorphism a b) intrM. Qed.

Lemma z2r_pos (p : positive) : z2r (Zpos p) = (Pos.to_nat p)%:R.
Proof. by []. Qed.

Lemma z2r_pos_neq0 (p : positive) : z2r (Zpos p) != 0.
Proof. by rewrite z2r_pos pnatr_eq0 -lt0n; apply/ltP; exact: Pos2Nat.is_pos. Qed.

Lemma q2r_add x y : q2r (Qplus x y) = q2r x + q2r y.
Proof.
case: x y => [a b] [c d]; rewrite /q2r /Qplus /=.
rewrite z2r_add !z2r_mul (_ : Zpos (b * d) = (Zpos b * Zpos d)%Z) // z2r_mul.
by field; rewrite !z2r_pos_neq0.
Qed.

Lemma q2r_mul x y : q2r (Qmult x y) = q2r x * q2r y.
Proof.
case: x y => [a b] [c d]; rewrite /q2r /Qmult /=.
rewrite z2r_mul (_ : Zpos (b * d) = (Zpos b * Zpos d)%Z) // z2r_mul.
by field; rewrite !z2r_pos_neq0.
Qed.

Lemma q2r_eq x y : Qeq x y -> q2r x = q2r y.
Proof.
case: x y => [a b] [c d]; rewrite /Qeq /q2r /= => e.
have := congr1 z2r e; rewrite !z2r_mul => {}e.
by apply/eqP; rewrite eqr_div ?z2r_pos_neq0 // e.
Qed.

Lemma q2r_red x : q2r (Qred x) = q2r x.
Proof. exact/q2r_eq/Qred_correct. Qed.

Lemma q2r_0 : q2r 0 = 0.
Proof. by rewrite /q2r /= /z2r /= mul0r. Qed.

Lemma q2r_1 : q2r 1 = 1.
Proof. by rewrite /q2r /= /z2r /= divr1. Qed.

(** [m / c] for naturals, [c > 0]. *)
Definition qfrac (m c : nat) : Q := Qmake (Z.of_nat m) (Pos.of_nat c).

Lemma z2r_nat m : z2r (Z.of_nat m) = m%:R.
Proof.
case: m => // m; rewrite /z2r /=; congr (_%:R); rewrite SuccNat2Pos.id_succ //.
Qed.

Lemma q2r_frac m c : (0 < c)%N -> q2r (qfrac m c) = m%:R / c%:R.
Proof.
move=> c0; rewrite /q2r /qfrac /= z2r_nat z2r_pos; congr (_ / _%:R).
by rewrite Nat2Pos.id //; case: c c0.
Qed.

Lemma z2r_opp a : z2r (- a)%Z = - z2r a.
Proof. by rewrite /z2r (rmorphN ZInstances.int_of_Z_rmorphism) mulrNz. Qed.

Lemma z2r_ge0 (a : Z) : Z.le Z0 a -> 0 <= z2r a.
Proof. by case: a => //= p _; rewrite /z2r /= ler0n. Qed.

Lemma q2r_opp x : q2r (Qopp x) = - q2r x.
Proof. by case: x => a b; rewrite /q2r /= z2r_opp mulNr. Qed.

Lemma q2r_ge0 x : Qle (Qmake 0 1) x -> 0 <= q2r x.
Proof.
case: x => a b; rewrite /Qle /= Z.mul_1_r => a0.
by rewrite /q2r /= divr_ge0 ?z2r_ge0 // z2r_pos ler0n.
Qed.

Lemma q2r_le x y : Qle x y -> q2r x <= q2r y.
Proof.
move=> le; rewrite -subr_ge0 -q2r_opp -q2r_add; apply: q2r_ge0.
exact: (proj1 (Qle_minus_iff x y) le).
Qed.

Lemma q2r_gt0 x : Qlt (Qmake 0 1) x -> 0 < q2r x.
Proof.
case: x => a b; rewrite /Qlt /= Z.mul_1_r => a0.
rewrite /q2r /= divr_gt0 // ?z2r_pos ?ltr0n; last by apply/ltP; exact: Pos2Nat.is_pos.
by case: a a0 => //= p _; rewrite /z2r /= ltr0n; apply/ltP; exact: Pos2Nat.is_pos.
Qed.

Lemma q2r_lt x y : Qlt x y -> q2r x < q2r y.
Proof.
move=> lt; rewrite -subr_gt0 -q2r_opp -q2r_add; apply: q2r_gt0.
exact: (proj1 (Qlt_minus_iff x y) lt).
Qed.

End QtoR.

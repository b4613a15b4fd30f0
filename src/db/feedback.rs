//! Feedback after a stay (SPEC §2.9): once per booking, only by its owner, only after checkout.

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::{FromRow, PgConnection, PgPool};

use super::{
    booking_events,
    error::{DbError, DbResult},
};
use crate::domain::booking::Actor;

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Feedback {
    pub id: i64,
    pub booking_id: i64,
    pub expectations: i32,
    pub comfort: i32,
    pub cleanliness: i32,
    pub communication: i32,
    pub location: i32,
    pub recommend: i32,
    pub liked_most: Option<String>,
    pub to_improve: Option<String>,
    pub public_review: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The six ratings (1–10) in questionnaire order, and the three optional texts (≤ 1000 chars).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFeedback {
    pub ratings: [u8; 6],
    pub liked_most: Option<String>,
    pub to_improve: Option<String>,
    pub public_review: Option<String>,
}

/// Saves the feedback and marks the booking. `Duplicate` if it was already left; `NotFound` if
/// the booking is not the presser's or the stay has not ended yet.
#[tracing::instrument(skip(db, feedback))]
pub async fn insert(
    db: &PgPool,
    booking_id: i64,
    owner_id: i64,
    feedback: &NewFeedback,
    actor: Actor,
) -> DbResult<Feedback> {
    let mut tx = db.begin().await?;
    let saved = insert_in(&mut tx, booking_id, owner_id, feedback, actor).await?;
    tx.commit().await?;
    Ok(saved)
}

/// [`insert`] on the caller's transaction (to commit it with the reward and the admins' notice).
#[tracing::instrument(skip(conn, feedback))]
pub async fn insert_in(
    conn: &mut PgConnection,
    booking_id: i64,
    owner_id: i64,
    feedback: &NewFeedback,
    actor: Actor,
) -> DbResult<Feedback> {
    let marked = sqlx::query(
        "UPDATE bookings SET feedback_submitted = TRUE, updated_at = now()
         WHERE id = $1 AND owner_id = $2 AND NOT feedback_submitted
           AND status IN ('confirmed', 'completed') AND ends_at <= now()",
    )
    .bind(booking_id)
    .bind(owner_id)
    .execute(&mut *conn)
    .await?;
    if marked.rows_affected() == 0 {
        let submitted: Option<bool> =
            sqlx::query_scalar("SELECT feedback_submitted FROM bookings WHERE id = $1 AND owner_id = $2")
                .bind(booking_id)
                .bind(owner_id)
                .fetch_optional(&mut *conn)
                .await?;
        return Err(if submitted == Some(true) { DbError::Duplicate } else { DbError::NotFound });
    }
    let [a, b, c, d, e, f] = feedback.ratings.map(i32::from);
    let saved: Feedback = sqlx::query_as(
        "INSERT INTO feedback (booking_id, expectations, comfort, cleanliness, communication, location, recommend,
             liked_most, to_improve, public_review)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *",
    )
    .bind(booking_id)
    .bind(a)
    .bind(b)
    .bind(c)
    .bind(d)
    .bind(e)
    .bind(f)
    .bind(&feedback.liked_most)
    .bind(&feedback.to_improve)
    .bind(&feedback.public_review)
    .fetch_one(&mut *conn)
    .await?;
    booking_events::record(
        conn,
        booking_id,
        actor,
        "feedback",
        json!(null),
        json!({ "feedback_id": saved.id }),
    )
    .await?;
    Ok(saved)
}

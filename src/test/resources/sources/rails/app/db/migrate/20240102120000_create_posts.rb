class CreatePosts < ActiveRecord::Migration[7.1]
  def change
    create_table :posts do |t|
      t.references :user, null: false, foreign_key: true
      t.text :body
      t.decimal :score, precision: 10, scale: 2
      t.datetime :published_at
      t.timestamps
    end
  end
end
